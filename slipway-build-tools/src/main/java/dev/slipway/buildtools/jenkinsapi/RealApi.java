package dev.slipway.buildtools.jenkinsapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real Jenkins API as listed in signature files ({@code signatures.txt}, {@code signatures-full.txt}, the project's
 * supplement). Format: see the header of {@code ../shared/jenkins-api/signatures.txt}. A class listed in several files
 * gets the union of its members.
 */
public final class RealApi {

    /** A listed member. {@code params} and {@code returnType} are erased, dotted binary names ({@code a.B$C}, {@code int[]}). */
    public record Member(String owner, Kind kind, String name, List<String> params, String returnType, Set<String> flags) {
        public enum Kind { METHOD, CTOR, FIELD }

        public boolean has(String flag) {
            return flags.contains(flag);
        }

        /** {@code name(p1,p2)}: how overloads are told apart (for fields just the name). */
        public String key() {
            return kind == Kind.FIELD ? name : name + "(" + String.join(",", params) + ")";
        }

        @Override
        public String toString() {
            return switch (kind) {
                case FIELD -> owner + "#" + name + " " + returnType;
                case CTOR -> owner + "(" + String.join(",", params) + ")";
                case METHOD -> owner + "#" + key() + " " + returnType;
            };
        }
    }

    /** A listed class. {@code superName} is null for interfaces and java.lang.Object. */
    public static final class ApiClass {
        private final String name;
        private final String superName;
        private final List<String> interfaces;
        private final Set<String> flags;
        private final String meta;
        private final String source;
        private final Map<String, List<Member>> methodsByKey = new LinkedHashMap<>();
        private final Map<String, Member> fields = new LinkedHashMap<>();

        ApiClass(String name, String superName, List<String> interfaces, Set<String> flags, String meta, String source) {
            this.name = name;
            this.superName = superName;
            this.interfaces = interfaces;
            this.flags = flags;
            this.meta = meta;
            this.source = source;
        }

        public String name() {
            return name;
        }

        public String superName() {
            return superName;
        }

        public List<String> interfaces() {
            return interfaces;
        }

        public boolean has(String flag) {
            return flags.contains(flag);
        }

        public Set<String> flags() {
            return Collections.unmodifiableSet(flags);
        }

        public boolean isInterface() {
            return flags.contains("interface") || flags.contains("annotation");
        }

        /** Text of the {@code # meta:} line (class-level annotations), empty when the class has none. */
        public String meta() {
            return meta;
        }

        public String source() {
            return source;
        }

        /** Methods and constructors ({@code <init>}) declared here with this name and erased parameter list. */
        public List<Member> methods(String key) {
            return methodsByKey.getOrDefault(key, List.of());
        }

        public Iterable<Member> allMethods() {
            List<Member> all = new ArrayList<>();
            methodsByKey.values().forEach(all::addAll);
            return all;
        }

        public Member field(String fieldName) {
            return fields.get(fieldName);
        }

        public Iterable<Member> allFields() {
            return fields.values();
        }

        /** Targets allowed by the real {@code @Target}; null when it has none (every declaration context). */
        public Set<String> annotationTargets() {
            Matcher m = TARGET.matcher(meta);
            if (!m.find()) {
                return null;
            }
            Set<String> targets = new TreeSet<>();
            Matcher word = ELEMENT_TYPE.matcher(m.group(1));
            while (word.find()) {
                targets.add(word.group(1));
            }
            return targets;
        }

        /** The real retention: RUNTIME, CLASS or SOURCE (CLASS when it has no {@code @Retention}, as in Java). */
        public String annotationRetention() {
            Matcher m = RETENTION.matcher(meta);
            return m.find() ? m.group(1) : "CLASS";
        }

        void add(Member member) {
            if (member.kind() == Member.Kind.FIELD) {
                fields.putIfAbsent(member.name(), member);
                return;
            }
            List<Member> overloads = methodsByKey.computeIfAbsent(member.key(), k -> new ArrayList<>());
            if (overloads.stream().noneMatch(existing -> existing.returnType().equals(member.returnType()))) {
                overloads.add(member);
            }
        }
    }

    private static final Pattern TARGET = Pattern.compile("@Target\\(\\{?([^)}]*)}?\\)");
    private static final Pattern ELEMENT_TYPE = Pattern.compile("(?:ElementType\\.)?\\b([A-Z_]+)\\b");
    private static final Pattern RETENTION = Pattern.compile("@Retention\\((?:RetentionPolicy\\.)?([A-Z]+)\\)");

    private final Map<String, ApiClass> classes = new LinkedHashMap<>();
    private final Set<String> packages = new TreeSet<>();
    private final List<Path> files = new ArrayList<>();

    private RealApi() {
    }

    /**
     * Reads the signature files. The packages whose references are checked are those named in the first file
     * ({@code signatures.txt}); the other files only add classes and members.
     */
    public static RealApi read(Path packageDefiningFile, Path... moreFiles) {
        RealApi api = new RealApi();
        api.parse(packageDefiningFile, true);
        for (Path file : moreFiles) {
            api.parse(file, false);
        }
        return api;
    }

    /** The packages named in {@code signatures.txt}: every reference into them must exist in the real API. */
    public Set<String> packages() {
        return Collections.unmodifiableSet(packages);
    }

    public boolean isApiPackage(String binaryClassName) {
        int dot = binaryClassName.lastIndexOf('.');
        return dot > 0 && packages.contains(binaryClassName.substring(0, dot));
    }

    /** The class, or null when no signature file lists it. */
    public ApiClass find(String binaryClassName) {
        return classes.get(binaryClassName);
    }

    public List<Path> files() {
        return List.copyOf(files);
    }

    private void parse(Path file, boolean definesPackages) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Jenkins API signatures " + file, e);
        }
        files.add(file);
        String meta = "";
        String source = file.getFileName().toString();
        int lineNumber = 0;
        for (String raw : lines) {
            lineNumber++;
            String line = raw.strip();
            if (line.startsWith("# source:")) {
                source = line.substring("# source:".length()).strip();
                meta = "";
            } else if (line.startsWith("# meta:")) {
                meta = line.substring("# meta:".length()).strip();
            } else if (line.startsWith("CLASS ")) {
                ApiClass parsed = parseClass(line, meta, source);
                ApiClass known = classes.putIfAbsent(parsed.name(), parsed);
                if (definesPackages) {
                    packages.add(packageOf(parsed.name()));
                }
                if (known != null && known.meta.isEmpty() && !meta.isEmpty()) {
                    classes.put(parsed.name(), mergeMeta(known, meta));
                }
                meta = "";
            } else if (line.startsWith("METHOD ") || line.startsWith("CTOR ") || line.startsWith("FIELD ")) {
                Member member = parseMember(line, file, lineNumber);
                ApiClass owner = classes.get(member.owner());
                if (owner == null) {
                    throw new IllegalArgumentException(file + ":" + lineNumber + ": member before its CLASS line: " + line);
                }
                owner.add(member);
            }
        }
    }

    private static ApiClass mergeMeta(ApiClass known, String meta) {
        ApiClass merged = new ApiClass(known.name, known.superName, known.interfaces, known.flags, meta, known.source);
        known.methodsByKey.values().forEach(list -> list.forEach(merged::add));
        known.fields.values().forEach(merged::add);
        return merged;
    }

    private static ApiClass parseClass(String line, String meta, String source) {
        List<String> tokens = new ArrayList<>(Arrays.asList(line.split("\\s+")));
        String name = tokens.get(1);
        List<String> extendsList = new ArrayList<>();
        List<String> implementsList = new ArrayList<>();
        Set<String> flags = new LinkedHashSet<>();
        List<String> current = null;
        for (int i = 2; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token.equals("extends")) {
                current = extendsList;
            } else if (token.equals("implements")) {
                current = implementsList;
            } else if (current != null) {
                current.add(token.replace(",", ""));
                if (!token.endsWith(",")) {
                    current = null;
                }
            } else {
                flags.add(token);
            }
        }
        boolean isInterface = flags.contains("interface") || flags.contains("annotation");
        String superName;
        List<String> interfaces;
        if (isInterface) {
            superName = null;
            interfaces = new ArrayList<>(extendsList);
            if (flags.contains("annotation")) {
                interfaces.add("java.lang.annotation.Annotation");
            }
        } else {
            superName = !extendsList.isEmpty() ? extendsList.get(0)
                    : flags.contains("enum") ? "java.lang.Enum" : "java.lang.Object";
            interfaces = implementsList;
        }
        return new ApiClass(name, superName, List.copyOf(interfaces), flags, meta, source);
    }

    private static Member parseMember(String line, Path file, int lineNumber) {
        String[] tokens = line.split("\\s+");
        String kindWord = tokens[0];
        String signature = tokens[1];
        Set<String> flags = new LinkedHashSet<>();
        if (kindWord.equals("FIELD")) {
            int hash = signature.indexOf('#');
            flags.addAll(Arrays.asList(tokens).subList(3, tokens.length));
            return new Member(signature.substring(0, hash), Member.Kind.FIELD, signature.substring(hash + 1), List.of(),
                    tokens[2], flags);
        }
        int open = signature.indexOf('(');
        int close = signature.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": not a signature: " + line);
        }
        String paramText = signature.substring(open + 1, close);
        List<String> params = paramText.isEmpty() ? List.of() : List.of(paramText.split(","));
        if (kindWord.equals("CTOR")) {
            flags.addAll(Arrays.asList(tokens).subList(2, tokens.length));
            return new Member(signature.substring(0, open), Member.Kind.CTOR, "<init>", params, "void", flags);
        }
        int hash = signature.indexOf('#');
        flags.addAll(Arrays.asList(tokens).subList(3, tokens.length));
        return new Member(signature.substring(0, hash), Member.Kind.METHOD, signature.substring(hash + 1, open), params,
                tokens[2], flags);
    }

    static String packageOf(String binaryClassName) {
        int dot = binaryClassName.lastIndexOf('.');
        return dot < 0 ? "" : binaryClassName.substring(0, dot);
    }
}
