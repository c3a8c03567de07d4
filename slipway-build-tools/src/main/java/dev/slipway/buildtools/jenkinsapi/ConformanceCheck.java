package dev.slipway.buildtools.jenkinsapi;

import dev.slipway.buildtools.jenkinsapi.Problem.Kind;
import dev.slipway.buildtools.jenkinsapi.TypeView.FieldView;
import dev.slipway.buildtools.jenkinsapi.TypeView.MethodView;
import dev.slipway.buildtools.jenkinsapi.TypeView.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Checks compiled plugin classes against the real Jenkins API: what was compiled against the stand-ins must link and
 * behave the same against the real classes. See {@link Problem.Kind} for what is checked.
 */
public final class ConformanceCheck {

    private final RealApi api;
    private final Map<String, ClassNode> pluginClasses;
    private final ClassLoader compileClasspath;
    private final Map<String, ClassNode> standIns;
    private final Map<String, Optional<ClassNode>> classpathCache = new HashMap<>();
    private final Set<Problem> problems = new TreeSet<>();
    private final boolean harnessAllowed;

    /**
     * @param api              the real API
     * @param pluginClasses    the plugin's compiled classes
     * @param compileClasspath the classpath the plugin was compiled against (stand-ins, libraries); JDK via its parent
     * @param standIns         every class of the stand-in jar(s)
     */
    public ConformanceCheck(RealApi api, List<ClassNode> pluginClasses, ClassLoader compileClasspath,
                            List<ClassNode> standIns) {
        this(api, pluginClasses, compileClasspath, standIns, false);
    }

    /** @param harnessAllowed true when checking the *ITests, which may use the test-harness stand-ins */
    public ConformanceCheck(RealApi api, List<ClassNode> pluginClasses, ClassLoader compileClasspath,
                            List<ClassNode> standIns, boolean harnessAllowed) {
        this.harnessAllowed = harnessAllowed;
        this.api = api;
        this.pluginClasses = index(pluginClasses);
        this.compileClasspath = compileClasspath;
        this.standIns = index(standIns);
    }

    private static Map<String, ClassNode> index(List<ClassNode> nodes) {
        Map<String, ClassNode> byName = new LinkedHashMap<>();
        nodes.forEach(n -> byName.put(TypeView.dotted(n.name), n));
        return byName;
    }

    /** Runs every check; an empty list means the plugin conforms. */
    public List<Problem> run() {
        for (ClassNode plugin : pluginClasses.values()) {
            checkClass(plugin);
        }
        checkInlinedConstants();
        return List.copyOf(problems);
    }

    // ---------------------------------------------------------------- views

    /** How the class looks in a real Jenkins: the signature files for API packages, bytecode elsewhere. */
    private TypeView real(String name) {
        ClassNode plugin = pluginClasses.get(name);
        if (plugin != null) {
            return TypeView.of(plugin, Origin.PLUGIN);
        }
        if (api.isApiPackage(name)) {
            RealApi.ApiClass listed = api.find(name);
            return listed == null ? null : TypeView.of(listed);
        }
        RealApi.ApiClass supplemented = api.find(name);
        if (supplemented != null) {
            return TypeView.of(supplemented);
        }
        return classpathClass(name).map(n -> TypeView.of(n, Origin.LIBRARY)).orElse(null);
    }

    /** How the class looked to javac: the stand-ins for API packages. */
    private TypeView compiled(String name) {
        ClassNode plugin = pluginClasses.get(name);
        if (plugin != null) {
            return TypeView.of(plugin, Origin.PLUGIN);
        }
        ClassNode standIn = standIns.get(name);
        if (standIn != null) {
            return TypeView.of(standIn, Origin.STAND_IN);
        }
        return classpathClass(name).map(n -> TypeView.of(n, Origin.LIBRARY)).orElse(null);
    }

    private Optional<ClassNode> classpathClass(String name) {
        return classpathCache.computeIfAbsent(name, n -> {
            try (InputStream in = compileClasspath.getResourceAsStream(n.replace('.', '/') + ".class")) {
                if (in == null) {
                    return Optional.empty();
                }
                ClassNode node = new ClassNode();
                new ClassReader(in).accept(node, ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
                return Optional.of(node);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + n + " from the compile classpath", e);
            }
        });
    }

    // ---------------------------------------------------------------- per class

    private void checkClass(ClassNode node) {
        String className = TypeView.dotted(node.name);
        TypeView self = TypeView.of(node, Origin.PLUGIN);
        checkSupertypes(self);
        for (FieldNode field : node.fields) {
            String where = className + "#" + field.name;
            checkType(Type.getType(field.desc), where);
            checkAnnotations(field.visibleAnnotations, true, "FIELD", where);
            checkAnnotations(field.invisibleAnnotations, false, "FIELD", where);
        }
        boolean isAnnotation = (node.access & Opcodes.ACC_ANNOTATION) != 0;
        checkAnnotations(node.visibleAnnotations, true, isAnnotation ? "ANNOTATION_TYPE" : "TYPE", className);
        checkAnnotations(node.invisibleAnnotations, false, isAnnotation ? "ANNOTATION_TYPE" : "TYPE", className);
        for (MethodNode method : node.methods) {
            checkMethod(self, method);
        }
        if (!self.isInterface() && !self.isAbstract()) {
            checkAbstractMethodsImplemented(self);
        }
    }

    private void checkSupertypes(TypeView self) {
        for (String supertype : self.supertypes()) {
            if (!checkClassExists(supertype, self.name())) {
                continue;
            }
            TypeView real = real(supertype);
            if (real == null || real.origin() != Origin.REAL) {
                continue;
            }
            boolean extending = supertype.equals(self.superName());
            if (extending && real.isFinal()) {
                report(Kind.FINAL_OVERRIDDEN, self.name(), supertype, "the real class is final and cannot be extended");
            }
            if (extending == real.isInterface()) {
                report(Kind.INCOMPATIBLE_CHANGE, self.name(), supertype, extending
                        ? "the real type is an interface, not a class: implement it"
                        : "the real type is a class, not an interface: extend it");
            }
        }
    }

    private void checkMethod(TypeView self, MethodNode method) {
        String where = self.name() + "#" + TypeView.key(method.name, method.desc);
        checkType(Type.getType(method.desc), where);
        if (method.exceptions != null) {
            method.exceptions.forEach(e -> checkType(Type.getObjectType(e), where));
        }
        boolean isConstructor = method.name.equals("<init>");
        checkAnnotations(method.visibleAnnotations, true, isConstructor ? "CONSTRUCTOR" : "METHOD", where);
        checkAnnotations(method.invisibleAnnotations, false, isConstructor ? "CONSTRUCTOR" : "METHOD", where);
        checkParameterAnnotations(method.visibleParameterAnnotations, true, where);
        checkParameterAnnotations(method.invisibleParameterAnnotations, false, where);
        if (method.tryCatchBlocks != null) {
            for (TryCatchBlockNode tryCatch : method.tryCatchBlocks) {
                if (tryCatch.type != null) {
                    checkType(Type.getObjectType(tryCatch.type), where);
                }
            }
        }
        if (method.instructions != null) {
            for (AbstractInsnNode insn : method.instructions) {
                checkInstruction(insn, where);
            }
        }
        boolean overridable = (method.access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) == 0
                && !isConstructor && !method.name.equals("<clinit>");
        if (overridable) {
            checkOverride(self, TypeView.key(method.name, method.desc), where);
        }
    }

    private void checkInstruction(AbstractInsnNode insn, String where) {
        if (insn instanceof MethodInsnNode call) {
            checkMethodReference(call.owner, call.name, call.desc, call.getOpcode() == Opcodes.INVOKESTATIC,
                    call.itf, where);
        } else if (insn instanceof FieldInsnNode field) {
            boolean isStatic = field.getOpcode() == Opcodes.GETSTATIC || field.getOpcode() == Opcodes.PUTSTATIC;
            checkFieldReference(field.owner, field.name, field.desc, isStatic, where);
        } else if (insn instanceof TypeInsnNode type) {
            checkType(type.desc.startsWith("[") ? Type.getType(type.desc) : Type.getObjectType(type.desc), where);
        } else if (insn instanceof MultiANewArrayInsnNode array) {
            checkType(Type.getType(array.desc), where);
        } else if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof Type type) {
            checkType(type, where);
        } else if (insn instanceof InvokeDynamicInsnNode indy) {
            checkType(Type.getMethodType(indy.desc), where);
            for (Object arg : indy.bsmArgs) {
                if (arg instanceof Handle handle) {
                    checkHandle(handle, where);
                } else if (arg instanceof Type type) {
                    checkType(type, where);
                }
            }
        }
    }

    private void checkHandle(Handle handle, String where) {
        int tag = handle.getTag();
        if (tag >= Opcodes.H_GETFIELD && tag <= Opcodes.H_PUTSTATIC) {
            checkFieldReference(handle.getOwner(), handle.getName(), handle.getDesc(),
                    tag == Opcodes.H_GETSTATIC || tag == Opcodes.H_PUTSTATIC, where);
        } else {
            checkMethodReference(handle.getOwner(), handle.getName(), handle.getDesc(), tag == Opcodes.H_INVOKESTATIC,
                    handle.isInterface(), where);
        }
    }

    // ---------------------------------------------------------------- references

    /** Checks that a type (or the element type of an array, or every type of a method type) exists for real. */
    private void checkType(Type type, String where) {
        switch (type.getSort()) {
            case Type.ARRAY -> checkType(type.getElementType(), where);
            case Type.METHOD -> {
                checkType(type.getReturnType(), where);
                for (Type argument : type.getArgumentTypes()) {
                    checkType(argument, where);
                }
            }
            case Type.OBJECT -> checkClassExists(type.getClassName(), where);
            default -> {
            }
        }
    }

    /**
     * Packages of the test-harness stand-ins: only the *ITests compile against them; the plugin has no dependency on
     * the harness, workflow-job or workflow-cps, so in Jenkins its classes could not see them.
     */
    private static final List<String> TEST_ONLY_PACKAGES = List.of("org.jvnet.hudson.test",
            "org.jenkinsci.plugins.workflow.job", "org.jenkinsci.plugins.workflow.cps", "hudson.slaves",
            "io.jenkins.plugins.casc");

    /** False (and a problem reported) when an API-package class does not exist for real. */
    private boolean checkClassExists(String className, String where) {
        String classPackage = RealApi.packageOf(className);
        if (!harnessAllowed
                && TEST_ONLY_PACKAGES.stream().anyMatch(p -> classPackage.equals(p) || classPackage.startsWith(p + "."))) {
            report(Kind.MISSING_CLASS, where, className, "a test-harness stand-in: only the *ITests may use it");
            return false;
        }
        if (api.isApiPackage(className) && !pluginClasses.containsKey(className) && api.find(className) == null) {
            report(Kind.MISSING_CLASS, where, className, "no such class in the real API (" + files() + ")");
            return false;
        }
        return true;
    }

    private void checkMethodReference(String internalOwner, String name, String desc, boolean invokesStatic,
                                      boolean viaInterface, String where) {
        if (internalOwner.startsWith("[")) {
            return; // clone() on arrays
        }
        String owner = TypeView.dotted(internalOwner);
        if (!concernsApi(owner) || !checkClassExists(owner, where)) {
            return;
        }
        String key = TypeView.key(name, desc);
        String returnType = Type.getReturnType(desc).getClassName();
        String reference = owner + "#" + key + " " + returnType;
        TypeView ownerView = real(owner);
        if (ownerView == null) {
            return;
        }
        if (ownerView.origin() == Origin.REAL && ownerView.isInterface() != viaInterface) {
            report(Kind.INCOMPATIBLE_CHANGE, where, reference, viaInterface
                    ? "called as an interface method, but the real " + owner + " is a class"
                    : "called as a class method, but the real " + owner + " is an interface");
        }
        Resolution<MethodView> found = name.equals("<init>")
                ? Resolution.of(ownerView.methods(key).stream().filter(m -> m.returnType().equals("void")).findFirst())
                : resolveMethod(ownerView, key, returnType);
        if (found.member == null) {
            if (found.touchedApi || ownerView.origin() == Origin.REAL) {
                report(Kind.MISSING_MEMBER, where, reference, missingDetail(ownerView, key, found));
            }
            return;
        }
        if (found.member.isStatic() != invokesStatic) {
            report(Kind.INCOMPATIBLE_CHANGE, where, reference, found.member.isStatic()
                    ? "the real method is static, but it is called on an instance"
                    : "the real method is an instance method, but it is called as static");
        }
    }

    private void checkFieldReference(String internalOwner, String name, String desc, boolean isStatic, String where) {
        String owner = TypeView.dotted(internalOwner);
        if (!concernsApi(owner) || !checkClassExists(owner, where)) {
            return;
        }
        String type = Type.getType(desc).getClassName();
        String reference = owner + "#" + name + " " + type;
        TypeView ownerView = real(owner);
        if (ownerView == null) {
            return;
        }
        Resolution<FieldView> found = resolveField(ownerView, name, type);
        if (found.member == null) {
            if (found.touchedApi || ownerView.origin() == Origin.REAL) {
                report(Kind.MISSING_MEMBER, where, reference, "no such field in the real API (" + files() + ")");
            }
            return;
        }
        if (found.member.isStatic() != isStatic) {
            report(Kind.INCOMPATIBLE_CHANGE, where, reference, found.member.isStatic()
                    ? "the real field is static, but it is used on an instance"
                    : "the real field is an instance field, but it is used as static");
        }
    }

    /**
     * Plugin classes (whose members may be inherited from the API), API classes, and stand-ins the supplement lists
     * (the test harness); not libraries or the JDK.
     */
    private boolean concernsApi(String owner) {
        return pluginClasses.containsKey(owner) || api.isApiPackage(owner)
                || (standIns.containsKey(owner) && api.find(owner) != null);
    }

    private String missingDetail(TypeView owner, String key, Resolution<MethodView> found) {
        Resolution<MethodView> anyReturn = resolveMethod(owner, key, null);
        if (anyReturn.member != null) {
            return "the real method returns " + anyReturn.member.returnType() + " (declared in "
                    + anyReturn.member.owner() + ")";
        }
        String unreadable = found.unreadable.isEmpty() ? "" : "; could not read " + found.unreadable;
        return "no such method in the real API, resolved through the real supertypes (" + files() + ")" + unreadable
                + ". If it is real, read it in the real source and add it to the supplement with repository, path and commit";
    }

    private record Resolution<M>(M member, boolean touchedApi, Set<String> unreadable) {
        static <M> Resolution<M> of(Optional<M> member) {
            return new Resolution<>(member.orElse(null), true, Set.of());
        }
    }

    /** JVM method resolution (JVMS 5.4.3.3/4): the class and its superclasses, then all superinterfaces. */
    private Resolution<MethodView> resolveMethod(TypeView start, String key, String returnType) {
        return resolve(start, this::real, view -> view.methods(key).stream()
                .filter(m -> returnType == null || m.returnType().equals(returnType))
                .findFirst().orElse(null));
    }

    private Resolution<FieldView> resolveField(TypeView start, String name, String type) {
        return resolve(start, this::real, view -> view.field(name).filter(f -> f.type().equals(type)).orElse(null));
    }

    private <M> Resolution<M> resolve(TypeView start, Function<String, TypeView> lookup, Function<TypeView, M> find) {
        boolean touchedApi = false;
        Set<String> unreadable = new TreeSet<>();
        List<TypeView> chain = new ArrayList<>();
        for (TypeView view = start; view != null; ) {
            chain.add(view);
            touchedApi |= view.origin() == Origin.REAL;
            M member = find.apply(view);
            if (member != null) {
                return new Resolution<>(member, touchedApi, unreadable);
            }
            String superName = view.superName();
            if (superName == null && view.isInterface()) {
                superName = "java.lang.Object";
            }
            TypeView next = superName == null ? null : lookup.apply(superName);
            if (superName != null && next == null) {
                unreadable.add(superName);
            }
            view = next;
        }
        for (TypeView view : closure(interfacesOf(chain), lookup, unreadable)) {
            touchedApi |= view.origin() == Origin.REAL;
            M member = find.apply(view);
            if (member != null) {
                return new Resolution<>(member, touchedApi, unreadable);
            }
        }
        return new Resolution<>(null, touchedApi, unreadable);
    }

    private static List<String> interfacesOf(List<TypeView> chain) {
        List<String> interfaces = new ArrayList<>();
        chain.forEach(view -> interfaces.addAll(view.interfaces()));
        return interfaces;
    }

    /**
     * The given types and all their supertypes, breadth first, each once; names that cannot be looked up are added
     * to {@code unreadable} and skipped.
     */
    private static List<TypeView> closure(List<String> start, Function<String, TypeView> lookup, Set<String> unreadable) {
        List<TypeView> all = new ArrayList<>();
        Deque<String> queue = new ArrayDeque<>(start);
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (!seen.add(name)) {
                continue;
            }
            TypeView view = lookup.apply(name);
            if (view == null) {
                unreadable.add(name);
                continue;
            }
            all.add(view);
            queue.addAll(view.supertypes());
        }
        return all;
    }

    // ---------------------------------------------------------------- overriding

    private void checkOverride(TypeView self, String key, String where) {
        MethodView realDeclaration = findInSupertypes(self, key, this::real);
        MethodView compiledDeclaration = findInSupertypes(self, key, this::compiled);
        if (realDeclaration == null && compiledDeclaration != null && isStandIn(compiledDeclaration.owner())) {
            report(Kind.OVERRIDE_WITHOUT_REAL_METHOD, where, compiledDeclaration.owner() + "#" + key,
                    "overrides a stand-in method that the real API does not have (" + files()
                            + "): in Jenkins it would never be called");
        }
        if (realDeclaration != null && realDeclaration.isFinal() && !realDeclaration.isPrivate()) {
            report(Kind.FINAL_OVERRIDDEN, where, realDeclaration.owner() + "#" + key,
                    "the real method is final (VerifyError / IncompatibleClassChangeError when the class loads)");
        }
    }

    private boolean isStandIn(String className) {
        return standIns.containsKey(className);
    }

    /** The nearest overridable declaration in the supertypes of {@code self} (not in {@code self}). */
    private MethodView findInSupertypes(TypeView self, String key, Function<String, TypeView> lookup) {
        for (TypeView view : closure(self.supertypes(), lookup, new HashSet<>())) {
            for (MethodView m : view.methods(key)) {
                if (!m.isStatic() && !m.isPrivate() && !m.isConstructor() && (m.isPublic() || m.isProtected()
                        || samePackage(self.name(), view.name()))) {
                    return m;
                }
            }
        }
        return null;
    }

    private static boolean samePackage(String a, String b) {
        return RealApi.packageOf(a).equals(RealApi.packageOf(b));
    }

    // ---------------------------------------------------------------- abstract methods

    private void checkAbstractMethodsImplemented(TypeView self) {
        Map<String, MethodView> abstractMethods = new LinkedHashMap<>();
        for (TypeView view : closure(self.supertypes(), this::real, new HashSet<>())) {
            if (view.origin() == Origin.REAL) {
                view.methods().values().forEach(list -> list.stream()
                        .filter(m -> m.isAbstract() && !m.isStatic())
                        .forEach(m -> abstractMethods.putIfAbsent(m.key(), m)));
            }
        }
        for (MethodView required : abstractMethods.values()) {
            if (!isImplemented(self, required.key())) {
                report(Kind.ABSTRACT_NOT_IMPLEMENTED, self.name(), required.owner() + "#" + required.key() + " "
                        + required.returnType(), "the real method is abstract and this class does not implement it"
                        + " (AbstractMethodError when Jenkins calls it)");
            }
        }
    }

    /** As the JVM selects: the nearest declaration in the superclass chain decides; else a default method. */
    private boolean isImplemented(TypeView self, String key) {
        List<TypeView> chain = new ArrayList<>();
        for (TypeView view = self; view != null; view = view.superName() == null ? null : real(view.superName())) {
            chain.add(view);
            List<MethodView> declared = view.methods(key).stream().filter(m -> !m.isStatic()).toList();
            if (!declared.isEmpty()) {
                return declared.stream().anyMatch(m -> !m.isAbstract());
            }
        }
        return closure(interfacesOf(chain), this::real, new HashSet<>()).stream()
                .anyMatch(view -> view.methods(key).stream().anyMatch(m -> !m.isStatic() && !m.isAbstract()));
    }

    // ---------------------------------------------------------------- annotations

    private void checkParameterAnnotations(List<AnnotationNode>[] perParameter, boolean visible, String where) {
        if (perParameter == null) {
            return;
        }
        for (int i = 0; i < perParameter.length; i++) {
            checkAnnotations(perParameter[i], visible, "PARAMETER", where + " parameter " + i);
        }
    }

    private void checkAnnotations(List<AnnotationNode> annotations, boolean visible, String target, String where) {
        if (annotations == null) {
            return;
        }
        for (AnnotationNode annotation : annotations) {
            String name = Type.getType(annotation.desc).getClassName();
            if (!api.isApiPackage(name) || !checkClassExists(name, where)) {
                continue;
            }
            RealApi.ApiClass real = api.find(name);
            if (!real.has("annotation")) {
                report(Kind.INCOMPATIBLE_CHANGE, where, name, "used as an annotation, but the real type is not one");
                continue;
            }
            Set<String> targets = real.annotationTargets();
            boolean allowed = targets == null || targets.contains(target)
                    || (target.equals("ANNOTATION_TYPE") && targets.contains("TYPE"));
            if (!allowed) {
                report(Kind.ANNOTATION_MISUSED, where, "@" + name, "on a " + target + ", but the real @Target allows only "
                        + targets);
            }
            String retention = real.annotationRetention();
            if (visible != retention.equals("RUNTIME")) {
                report(Kind.ANNOTATION_MISUSED, where, "@" + name, "stored with " + (visible ? "RUNTIME" : "CLASS")
                        + " retention, but the real retention is " + retention
                        + (retention.equals("RUNTIME") ? ": Jenkins would not see it" : ""));
            }
            if (annotation.values != null) {
                for (int i = 0; i < annotation.values.size(); i += 2) {
                    String element = (String) annotation.values.get(i);
                    if (real.methods(element + "()").isEmpty()) {
                        report(Kind.MISSING_MEMBER, where, "@" + name + "(" + element + ")",
                                "the real annotation has no element '" + element + "'");
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- constants

    /**
     * javac copies compile-time constants into the using class, so the stand-in's value, not the real one, would run
     * in Jenkins. Any constant a stand-in declares is reported where its value appears in the plugin.
     */
    private void checkInlinedConstants() {
        Map<Object, List<String>> constants = new HashMap<>();
        for (ClassNode standIn : standIns.values()) {
            for (FieldNode field : standIn.fields) {
                boolean staticFinal = (field.access & (Opcodes.ACC_STATIC | Opcodes.ACC_FINAL))
                        == (Opcodes.ACC_STATIC | Opcodes.ACC_FINAL);
                if (staticFinal && field.value != null) {
                    constants.computeIfAbsent(field.value, v -> new ArrayList<>())
                            .add(TypeView.dotted(standIn.name) + "#" + field.name);
                }
            }
        }
        if (constants.isEmpty()) {
            return;
        }
        for (ClassNode plugin : pluginClasses.values()) {
            String className = TypeView.dotted(plugin.name);
            for (FieldNode field : plugin.fields) {
                reportConstant(constants, field.value, className + "#" + field.name);
            }
            for (MethodNode method : plugin.methods) {
                String where = className + "#" + TypeView.key(method.name, method.desc);
                for (AbstractInsnNode insn : method.instructions) {
                    reportConstant(constants, constantOf(insn), where);
                }
            }
        }
    }

    private static Object constantOf(AbstractInsnNode insn) {
        if (insn instanceof LdcInsnNode ldc) {
            return ldc.cst instanceof Type ? null : ldc.cst;
        }
        if (insn instanceof IntInsnNode push && push.getOpcode() != Opcodes.NEWARRAY) {
            return push.operand;
        }
        int opcode = insn.getOpcode();
        if (opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5) {
            return opcode - Opcodes.ICONST_0;
        }
        if (opcode == Opcodes.LCONST_0 || opcode == Opcodes.LCONST_1) {
            return (long) (opcode - Opcodes.LCONST_0);
        }
        return null;
    }

    private void reportConstant(Map<Object, List<String>> constants, Object value, String where) {
        if (value == null) {
            return;
        }
        for (String field : constants.getOrDefault(value, List.of())) {
            report(Kind.INLINED_CONSTANT, where, field, "the stand-in's compile-time constant " + describe(value)
                    + " is copied into the plugin; make the stand-in field non-constant (initialise it with null or"
                    + " a method call) so the plugin reads the real value");
        }
    }

    private static String describe(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    // ---------------------------------------------------------------- helpers

    private String files() {
        return String.join(", ", api.files().stream().map(p -> p.getFileName().toString()).toList());
    }

    private void report(Kind kind, String where, String apiPart, String detail) {
        problems.add(new Problem(kind, where, apiPart, detail));
    }
}
