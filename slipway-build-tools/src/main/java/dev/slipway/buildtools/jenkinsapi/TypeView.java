package dev.slipway.buildtools.jenkinsapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/** A class as one side sees it: the real API (signature files), or bytecode (plugin, stand-in, library, JDK). */
record TypeView(String name, String superName, List<String> interfaces, boolean isInterface, boolean isAbstract,
                boolean isFinal, boolean isAnnotation, Origin origin, Map<String, List<MethodView>> methods,
                Map<String, FieldView> fields) {

    enum Origin { PLUGIN, REAL, STAND_IN, LIBRARY }

    /** A method or constructor; {@code key} is {@code name(p1,p2)} with dotted, erased parameter types. */
    record MethodView(String owner, String key, String returnType, boolean isStatic, boolean isAbstract, boolean isFinal,
                      boolean isPrivate, boolean isPublic, boolean isProtected, boolean isBridge) {
        boolean isConstructor() {
            return key.startsWith("<init>(");
        }
    }

    record FieldView(String owner, String name, String type, boolean isStatic, boolean isFinal, boolean isPrivate,
                     boolean isPublic, boolean isProtected, Object constantValue) {
    }

    List<MethodView> methods(String key) {
        return methods.getOrDefault(key, List.of());
    }

    Optional<FieldView> field(String fieldName) {
        return Optional.ofNullable(fields.get(fieldName));
    }

    /** Direct supertypes: the superclass (if any) first, then the interfaces. */
    List<String> supertypes() {
        List<String> all = new ArrayList<>();
        if (superName != null) {
            all.add(superName);
        }
        all.addAll(interfaces);
        return all;
    }

    static TypeView of(ClassNode node, Origin origin) {
        Map<String, List<MethodView>> methods = node.methods.stream()
                .filter(m -> !m.name.equals("<clinit>"))
                .map(m -> method(node.name, m))
                .collect(Collectors.groupingBy(MethodView::key, java.util.LinkedHashMap::new, Collectors.toList()));
        Map<String, FieldView> fields = node.fields.stream()
                .collect(Collectors.toMap(f -> f.name, f -> field(node.name, f), (a, b) -> a, java.util.LinkedHashMap::new));
        boolean isInterface = (node.access & Opcodes.ACC_INTERFACE) != 0;
        String superName = isInterface || node.superName == null ? null : dotted(node.superName);
        return new TypeView(dotted(node.name), superName, node.interfaces.stream().map(TypeView::dotted).toList(),
                isInterface, (node.access & Opcodes.ACC_ABSTRACT) != 0, (node.access & Opcodes.ACC_FINAL) != 0,
                (node.access & Opcodes.ACC_ANNOTATION) != 0, origin, methods, fields);
    }

    static TypeView of(RealApi.ApiClass api) {
        Map<String, List<MethodView>> methods = new java.util.LinkedHashMap<>();
        for (RealApi.Member m : api.allMethods()) {
            boolean isProtected = m.has("protected");
            MethodView view = new MethodView(api.name(), m.key(), m.returnType(), m.has("static"), m.has("abstract"),
                    m.has("final"), false, !isProtected, isProtected, false);
            methods.computeIfAbsent(view.key(), k -> new ArrayList<>()).add(view);
        }
        Map<String, FieldView> fields = new java.util.LinkedHashMap<>();
        for (RealApi.Member f : api.allFields()) {
            boolean isProtected = f.has("protected");
            fields.put(f.name(), new FieldView(api.name(), f.name(), f.returnType(), f.has("static"), f.has("final"),
                    false, !isProtected, isProtected, null));
        }
        return new TypeView(api.name(), api.superName(), api.interfaces(), api.isInterface(),
                api.has("abstract") || api.isInterface(), api.has("final"), api.has("annotation"), Origin.REAL,
                methods, fields);
    }

    static MethodView method(String internalOwner, MethodNode m) {
        return new MethodView(dotted(internalOwner), key(m.name, m.desc), Type.getReturnType(m.desc).getClassName(),
                (m.access & Opcodes.ACC_STATIC) != 0, (m.access & Opcodes.ACC_ABSTRACT) != 0,
                (m.access & Opcodes.ACC_FINAL) != 0, (m.access & Opcodes.ACC_PRIVATE) != 0,
                (m.access & Opcodes.ACC_PUBLIC) != 0, (m.access & Opcodes.ACC_PROTECTED) != 0,
                (m.access & Opcodes.ACC_BRIDGE) != 0);
    }

    private static FieldView field(String internalOwner, FieldNode f) {
        return new FieldView(dotted(internalOwner), f.name, Type.getType(f.desc).getClassName(),
                (f.access & Opcodes.ACC_STATIC) != 0, (f.access & Opcodes.ACC_FINAL) != 0,
                (f.access & Opcodes.ACC_PRIVATE) != 0, (f.access & Opcodes.ACC_PUBLIC) != 0,
                (f.access & Opcodes.ACC_PROTECTED) != 0, f.value);
    }

    /** {@code name(p1,p2)} from a JVM method descriptor. */
    static String key(String name, String descriptor) {
        StringBuilder key = new StringBuilder(name).append('(');
        Type[] args = Type.getArgumentTypes(descriptor);
        for (int i = 0; i < args.length; i++) {
            key.append(i == 0 ? "" : ",").append(args[i].getClassName());
        }
        return key.append(')').toString();
    }

    static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }
}
