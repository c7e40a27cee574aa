"""papermill's parameters in Java, for the Glassy notebooks and their "Java (Glassy)" (JJava) kernel.

Papermill writes the parameters given with -p/-y/-f into a cell it injects after the cell tagged
"parameters", in the notebook's language, through a *translator*. It has none for Java, and its
plugin entry points cover engines and I/O only: translators are registered in code. This package is
an engine plugin (entry point group "papermill.engine", name "glassy") whose import registers
JavaTranslator for the kernel language "java"; papermill imports every engine plugin when it starts,
so `papermill in.ipynb out.ipynb -p SEED 5` works with the default engine. The engine itself is
papermill's own nbclient engine (`--engine glassy` selects the same).

The injected cell ASSIGNS the variables the parameters cell declares, in Java:

    // Parameters
    QUICK = true;
    SEED = 5;

An assignment keeps the declared type (an int literal widens to a long or double variable) and a
misspelt name fails to compile instead of silently declaring a new variable. Values:
  bool -> true/false; int -> 5 (5L beyond the int range); float -> 0.5, 1e-05, Double.NaN,
  Double.POSITIVE_INFINITY; str -> "a\\"b\\n" (Java escapes); None -> null;
  list -> a Java array of the elements' common type: new boolean[] {...}, new int[] {...}
  (new long[] beyond the int range), new double[] {...} (ints among floats become doubles),
  new String[] {...}; other lists -> java.util.List.of(...);
  dict -> java.util.Map.of(k, v, ...) (Map.ofEntries beyond 10 entries).
A double[] parameter needs floats (`-y 'LOADS: [1.0, 2.0]'`): [1, 2] is an int[].
"""
import math
import re

from papermill.engines import NBClientEngine
from papermill.models import Parameter
from papermill.translators import Translator, papermill_translators

__all__ = ["JavaTranslator", "GlassyEngine"]

INT_MIN, INT_MAX = -(2 ** 31), 2 ** 31 - 1
LONG_MIN, LONG_MAX = -(2 ** 63), 2 ** 63 - 1
ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


class JavaTranslator(Translator):
    """Python values as Java expressions, and the injected cell as Java assignments."""

    @classmethod
    def translate_none(cls, val):
        return "null"

    @classmethod
    def translate_bool(cls, val):
        return "true" if val else "false"

    @classmethod
    def translate_int(cls, val):
        if INT_MIN <= val <= INT_MAX:
            return str(val)
        if LONG_MIN <= val <= LONG_MAX:
            return f"{val}L"
        raise ValueError(f"{val} does not fit in a Java long")

    @classmethod
    def translate_float(cls, val):
        if math.isnan(val):
            return "Double.NaN"
        if math.isinf(val):
            return "Double.POSITIVE_INFINITY" if val > 0 else "Double.NEGATIVE_INFINITY"
        return repr(val)  # shortest round-trip text, a valid Java double literal: 0.5, 1e-05, 1e+16

    @classmethod
    def translate_str(cls, val):
        # Java escapes; other control characters as octal escapes (never \\uXXXX, which javac
        # would turn into a raw line break before parsing the string)
        out = []
        for ch in val:
            if ch in ESCAPES:
                out.append(ESCAPES[ch])
            elif ord(ch) < 0x20 or ord(ch) == 0x7F:
                out.append(f"\\{ord(ch):o}")
            else:
                out.append(ch)
        return '"' + "".join(out) + '"'

    @classmethod
    def translate_list(cls, val):
        kinds = {cls._kind(v) for v in val}
        items = ", ".join(cls.translate(v) for v in val)
        if not val:
            raise ValueError("an empty list has no Java element type: give at least one value")
        if kinds == {"bool"}:
            return f"new boolean[] {{{items}}}"
        if kinds == {"int"}:
            wide = any(not INT_MIN <= v <= INT_MAX for v in val)
            return f"new {'long' if wide else 'int'}[] {{{items}}}"
        if kinds <= {"int", "float"}:
            return "new double[] {" + ", ".join(cls.translate_float(float(v)) for v in val) + "}"
        if kinds == {"str"}:
            return f"new String[] {{{items}}}"
        return f"java.util.List.of({items})"

    @classmethod
    def translate_dict(cls, val):
        if len(val) <= 10:
            return "java.util.Map.of(" + ", ".join(f"{cls.translate(k)}, {cls.translate(v)}" for k, v in val.items()) + ")"
        entries = ", ".join(f"java.util.Map.entry({cls.translate(k)}, {cls.translate(v)})" for k, v in val.items())
        return f"java.util.Map.ofEntries({entries})"

    @staticmethod
    def _kind(v):
        if isinstance(v, bool):
            return "bool"
        if isinstance(v, int):
            return "int"
        if isinstance(v, float):
            return "float"
        if isinstance(v, str):
            return "str"
        return "other"

    @classmethod
    def comment(cls, cmt_str):
        return f"// {cmt_str}".strip()

    @classmethod
    def assign(cls, name, str_val):
        return f"{name} = {str_val};"

    DECLARATION = re.compile(r"^\s*(?:final\s+)?([\w.<>\[\]]+)\s+(\w+\s*=.*)$", re.S)

    @classmethod
    def inspect(cls, parameters_cell):
        """The parameters a cell declares (`type NAME = value, NAME2 = value2;`), for `papermill --help-notebook`."""
        found = []
        code = re.sub(r"/\*.*?\*/", "", parameters_cell.source, flags=re.S)
        for line in code.splitlines():
            statement, _, help_text = line.partition("//")
            for part in statement.split(";"):
                match = cls.DECLARATION.match(part)
                if not match:
                    continue
                java_type, rest = match.groups()
                for declarator in _split_top_level(rest):
                    name, eq, default = declarator.partition("=")
                    if eq and re.fullmatch(r"\s*\w+\s*", name):
                        found.append(Parameter(name=name.strip(), inferred_type_name=java_type,
                                               default=" ".join(default.split()), help=help_text.strip()))
        return found


def _split_top_level(text):
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += 1 if ch in "({[" else -1 if ch in ")}]" else 0
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    return parts + [current] if current.strip() else parts


class GlassyEngine(NBClientEngine):
    """papermill's nbclient engine under the plugin's name; loading it registered the Java translator."""


papermill_translators.register("java", JavaTranslator)
