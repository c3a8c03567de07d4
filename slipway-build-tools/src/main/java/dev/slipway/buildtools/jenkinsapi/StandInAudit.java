package dev.slipway.buildtools.jenkinsapi;

import dev.slipway.buildtools.jenkinsapi.Problem.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Checks the stand-ins themselves: each is a real class with its real kind, modifiers, direct supertypes and
 * annotation meta-data; each member is real with its real modifiers; and no body does anything but throw, so no test
 * can ever run stand-in code and take it for Jenkins.
 */
public final class StandInAudit {

    private final RealApi api;
    private final List<Problem> problems = new ArrayList<>();

    public StandInAudit(RealApi api) {
        this.api = api;
    }

    public List<Problem> run(List<ClassNode> standIns) {
        problems.clear();
        for (ClassNode standIn : standIns) {
            if (standIn.name.equals("module-info") || standIn.name.endsWith("/package-info")) {
                continue;
            }
            checkBodies(standIn);
            checkAgainstRealApi(standIn);
        }
        return problems.stream().sorted().toList();
    }

    // ---------------------------------------------------------------- bodies

    private void checkBodies(ClassNode standIn) {
        boolean isEnum = (standIn.access & Opcodes.ACC_ENUM) != 0;
        String className = TypeView.dotted(standIn.name);
        for (MethodNode method : standIn.methods) {
            if (method.instructions == null || method.instructions.size() == 0
                    || (method.access & Opcodes.ACC_SYNTHETIC) != 0) {
                continue; // abstract or native: no body; synthetic (bridges): written by javac
            }
            String where = className + "#" + TypeView.key(method.name, method.desc);
            boolean compilerWritten = isEnum && (method.name.equals("<clinit>") || method.name.equals("values")
                    || method.name.equals("valueOf") || method.name.equals("$values") || method.name.equals("<init>"));
            if (compilerWritten) {
                continue;
            }
            if (method.name.equals("<clinit>")) {
                if (hasCall(method)) {
                    report(where, "a static initialiser of a stand-in may only store plain values (null, numbers)");
                }
                continue;
            }
            if (!isBareThrow(method)) {
                report(where, "the body must be a bare throw (e.g. throw new UnsupportedOperationException(\"stand-in\"))"
                        + (method.name.equals("<init>") ? ", after the super constructor call" : ""));
            }
        }
    }

    private static boolean hasCall(MethodNode method) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode) {
                return true;
            }
        }
        return false;
    }

    /** {@code [super(...)] new X; dup; [ldc "msg"]; invokespecial X.<init>; athrow}, nothing else. */
    private static boolean isBareThrow(MethodNode method) {
        List<AbstractInsnNode> code = new ArrayList<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn.getOpcode() >= 0) {
                code.add(insn);
            }
        }
        int i = 0;
        if (method.name.equals("<init>")) {
            // super(...) may take arguments: loads of constants/locals, then one invokespecial <init> on the superclass.
            while (i < code.size() && !(code.get(i) instanceof MethodInsnNode)) {
                int op = code.get(i).getOpcode();
                boolean load = (op >= Opcodes.ILOAD && op <= Opcodes.ALOAD) || op == Opcodes.ACONST_NULL
                        || (op >= Opcodes.ICONST_M1 && op <= Opcodes.DCONST_1);
                if (!load) {
                    return false;
                }
                i++;
            }
            if (i >= code.size() || !(code.get(i) instanceof MethodInsnNode superCall)
                    || !superCall.name.equals("<init>") || superCall.getOpcode() != Opcodes.INVOKESPECIAL) {
                return false;
            }
            i++;
        }
        List<AbstractInsnNode> rest = code.subList(i, code.size());
        if (rest.size() < 4 || rest.size() > 5) {
            return false;
        }
        boolean withMessage = rest.size() == 5;
        return rest.get(0).getOpcode() == Opcodes.NEW
                && rest.get(1).getOpcode() == Opcodes.DUP
                && (!withMessage || rest.get(2).getOpcode() == Opcodes.LDC)
                && rest.get(rest.size() - 2) instanceof MethodInsnNode init && init.name.equals("<init>")
                && rest.get(rest.size() - 1).getOpcode() == Opcodes.ATHROW;
    }

    // ---------------------------------------------------------------- against the real API

    private void checkAgainstRealApi(ClassNode standIn) {
        String className = TypeView.dotted(standIn.name);
        RealApi.ApiClass real = api.find(className);
        if (real == null) {
            report(className, "not in any signature file: stand in only for real classes (add a class missing from both"
                    + " lists to the supplement with its source repository, path and commit)");
            return;
        }
        TypeView view = TypeView.of(standIn, TypeView.Origin.STAND_IN);
        String kind = kindOf(standIn);
        String realKind = real.has("annotation") ? "annotation" : real.has("interface") ? "interface"
                : real.has("enum") ? "enum" : real.has("abstract") ? "abstract class"
                : real.has("final") ? "final class" : "class";
        if (!kind.equals(realKind)) {
            report(className, "is a " + kind + ", the real one is a " + realKind);
        }
        // Stand-ins in the checked packages (the plugin's API) declare exactly the real direct supertypes; the
        // test-harness stand-ins, which only compile the *ITests, may leave some out, never add one.
        boolean exact = api.isApiPackage(className);
        boolean superOk = java.util.Objects.equals(view.superName(), real.superName())
                || (!exact && "java.lang.Object".equals(view.superName()));
        if (!superOk) {
            report(className, "extends " + view.superName() + ", the real one extends " + real.superName());
        }
        Set<String> interfaces = new TreeSet<>(view.interfaces());
        Set<String> realInterfaces = new TreeSet<>(real.interfaces());
        if (exact ? !interfaces.equals(realInterfaces) : !realInterfaces.containsAll(interfaces)) {
            report(className, "has the interfaces " + interfaces + ", the real one " + realInterfaces);
        }
        if (real.has("annotation")) {
            checkAnnotationMeta(standIn, real, className, exact);
        }
        for (MethodNode method : standIn.methods) {
            boolean hidden = (method.access & (Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC)) != 0
                    || method.name.equals("<clinit>")
                    || ((standIn.access & Opcodes.ACC_ENUM) != 0 && method.name.equals("<init>"));
            if (!hidden) {
                checkMethod(TypeView.method(standIn.name, method), real, method.access);
            }
        }
        for (FieldNode field : standIn.fields) {
            if ((field.access & (Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC)) == 0) {
                checkField(field, real, className);
            }
        }
    }

    private static String kindOf(ClassNode node) {
        int access = node.access;
        if ((access & Opcodes.ACC_ANNOTATION) != 0) {
            return "annotation";
        }
        if ((access & Opcodes.ACC_INTERFACE) != 0) {
            return "interface";
        }
        if ((access & Opcodes.ACC_ENUM) != 0) {
            return "enum";
        }
        if ((access & Opcodes.ACC_ABSTRACT) != 0) {
            return "abstract class";
        }
        return (access & Opcodes.ACC_FINAL) != 0 ? "final class" : "class";
    }

    private void checkMethod(TypeView.MethodView method, RealApi.ApiClass real, int access) {
        String where = method.owner() + "#" + method.key();
        List<RealApi.Member> candidates = real.methods(method.key());
        RealApi.Member match = candidates.stream()
                .filter(m -> m.returnType().equals(method.returnType()))
                .findFirst().orElse(null);
        if (match == null) {
            report(where, candidates.isEmpty()
                    ? "no such member in the real class (read it in the real source; if it is real and missing from"
                    + " both lists, add it to the supplement)"
                    : "returns " + method.returnType() + ", the real one " + candidates.get(0).returnType());
            return;
        }
        boolean isInterface = real.isInterface();
        expect(where, "static", method.isStatic(), match.has("static"));
        expect(where, "final", method.isFinal(), match.has("final"));
        expect(where, "protected", method.isProtected(), match.has("protected"));
        expect(where, "public", (access & Opcodes.ACC_PUBLIC) != 0, !match.has("protected"));
        boolean realAbstract = match.has("abstract") || (isInterface && !match.has("default") && !match.has("static"));
        expect(where, "abstract", method.isAbstract(), realAbstract);
    }

    private void checkField(FieldNode field, RealApi.ApiClass real, String className) {
        String where = className + "#" + field.name;
        RealApi.Member match = real.field(field.name);
        String type = Type.getType(field.desc).getClassName();
        if (match == null) {
            report(where, "no such field in the real class");
            return;
        }
        if (!match.returnType().equals(type)) {
            report(where, "has the type " + type + ", the real one " + match.returnType());
        }
        boolean realStatic = match.has("static") || real.isInterface();
        boolean realFinal = match.has("final") || real.isInterface();
        expect(where, "static", (field.access & Opcodes.ACC_STATIC) != 0, realStatic);
        expect(where, "final", (field.access & Opcodes.ACC_FINAL) != 0, realFinal);
        expect(where, "protected", (field.access & Opcodes.ACC_PROTECTED) != 0, match.has("protected"));
    }

    private void checkAnnotationMeta(ClassNode standIn, RealApi.ApiClass real, String className, boolean exact) {
        List<AnnotationNode> meta = new ArrayList<>();
        if (standIn.visibleAnnotations != null) {
            meta.addAll(standIn.visibleAnnotations);
        }
        if (standIn.invisibleAnnotations != null) {
            meta.addAll(standIn.invisibleAnnotations);
        }
        String retention = "CLASS";
        Set<String> targets = null;
        Set<String> names = new TreeSet<>();
        for (AnnotationNode annotation : meta) {
            String name = Type.getType(annotation.desc).getClassName();
            names.add(name.substring(name.lastIndexOf('.') + 1).replace('$', '.'));
            if (name.equals("java.lang.annotation.Retention")) {
                retention = ((String[]) annotation.values.get(1))[1];
            } else if (name.equals("java.lang.annotation.Target")) {
                targets = new TreeSet<>();
                for (Object value : (List<?>) annotation.values.get(1)) {
                    targets.add(((String[]) value)[1]);
                }
            }
        }
        if (!retention.equals(real.annotationRetention())) {
            report(className, "has retention " + retention + ", the real one " + real.annotationRetention());
        }
        if (!java.util.Objects.equals(targets, real.annotationTargets())) {
            report(className, "has @Target " + targets + ", the real one " + real.annotationTargets());
        }
        Set<String> realNames = new HashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("@([A-Za-z_][\\w.]*)").matcher(real.meta());
        while (m.find()) {
            realNames.add(m.group(1));
        }
        if (exact ? !names.equals(new TreeSet<>(realNames)) : !realNames.containsAll(names)) {
            report(className, "is meta-annotated with " + names + ", the real one with " + new TreeSet<>(realNames));
        }
    }

    private void expect(String where, String modifier, boolean standIn, boolean real) {
        if (standIn != real) {
            report(where, (standIn ? "is " : "is not ") + modifier + ", the real one " + (real ? "is" : "is not"));
        }
    }

    private void report(String where, String detail) {
        problems.add(new Problem(Kind.STAND_IN_DIFFERS, where, "stand-in", detail));
    }
}
