package net.sf.json;

/**
 * Stand-in of json-lib's JSONObject (Jenkins' fork, bundled by core): what a global configuration's
 * {@code configure} reads. Its supertypes (AbstractJSON, JSON, Map, Comparable) are left out.
 */
public final class JSONObject {
    private JSONObject() {
        throw new UnsupportedOperationException("stand-in");
    }

    public boolean has(String key) {
        throw new UnsupportedOperationException("stand-in");
    }

    public Object get(Object key) {
        throw new UnsupportedOperationException("stand-in");
    }
}
