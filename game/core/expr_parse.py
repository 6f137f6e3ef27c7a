"""Tokenizer and precedence-climbing parser for Parley's expression language.

Scenario files are untrusted, so this is a closed, hand-written grammar: nothing here touches
Python's own parser, and every construct the language lacks (strings, attributes, subscripts,
lambdas, keyword arguments, ...) is rejected with a plain-words explanation. ``game.core.expr``
turns the tree built here into closures; see its docstring for the language itself.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from game.core.errors import ExpressionError, suggest

MAX_LENGTH = 500  # characters of expression text
MAX_NODES = 200  # values, operators and calls in one expression
MAX_DEPTH = 32  # levels of nesting (parentheses, operands, arguments)
MAX_LITERAL = 1e9  # largest magnitude a number in the text may have
MAX_EXPONENT = 4  # largest magnitude of the exponent of **

# name -> (fewest, most) arguments
FUNCTIONS: dict[str, tuple[int, int]] = {
    "abs": (1, 1), "ceil": (1, 1), "clamp": (3, 3), "floor": (1, 1),
    "max": (2, 8), "min": (2, 8), "round": (1, 1),
}
_USAGE = {"abs": "abs(x)", "ceil": "ceil(x)", "clamp": "clamp(x, low, high)", "floor": "floor(x)",
          "max": "max(a, b, ...)", "min": "min(a, b, ...)", "round": "round(x)"}
KEYWORDS = frozenset({"and", "or", "not", "if", "else"})
COMPARISONS = frozenset({"<", "<=", ">", ">=", "==", "!="})
ASSIGNMENTS = ("=", "+=", "-=", "*=", "/=")

# Binding powers, loosest first; a higher number binds tighter, as in Python.
_IF, _OR, _AND, _NOT, _CMP, _ADD, _MUL, _UNARY, _POW = range(1, 10)
_INFIX = {"if": _IF, "or": _OR, "and": _AND, "+": _ADD, "-": _ADD,
          "*": _MUL, "/": _MUL, "%": _MUL, "**": _POW} | dict.fromkeys(COMPARISONS, _CMP)

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_NUMBER_TAIL = re.compile(r"[A-Za-z0-9_.]*")
_DIGITS = frozenset("0123456789")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_OPERATORS2 = frozenset({"**", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/="})
_OPERATORS1 = frozenset("+-*/%<>(),=")
_STRINGS = "strings are not allowed in expressions"
# Sequences people carry over from other languages, each with the fix.
_BANNED2 = {
    "//": "'//' is not supported; use floor(a / b)",
    ":=": "':=' is not allowed; an effect sets a value with 'name = value'",
    "=>": "'=>' is not an operator; did you mean '>='?",
    "=<": "'=<' is not an operator; did you mean '<='?",
    "<>": "'<>' is not an operator; use '!=' for 'not equal'",
    "&&": "use 'and' instead of '&&'",
    "||": "use 'or' instead of '||'",
}
_BANNED1 = {
    "'": _STRINGS, '"': _STRINGS,
    "[": "subscripts and lists are not allowed", "]": "subscripts and lists are not allowed",
    "{": "braces are not allowed", "}": "braces are not allowed",
    ";": "only one expression is allowed; remove the ';'",
    ":": "':' is not allowed (there are no lambdas, slices or dictionaries)",
    "#": "comments are not allowed in expressions",
    "\\": "backslashes are not allowed",
    "!": "use 'not' instead of '!'",
    "&": "use 'and' instead of '&'",
    "|": "use 'or' instead of '|'",
    "^": "'^' is not supported; use ** for powers, e.g. 'x ** 2'",
    "\n": "an expression must fit on one line", "\r": "an expression must fit on one line",
}


@dataclass(frozen=True, slots=True)
class Token:
    """One token; kind is num, name, bool, op (symbols and keywords), end or error."""

    kind: str
    text: str  # for an error token: the message
    col: int  # 1-based
    value: float | int | bool | None = None


@dataclass(frozen=True, slots=True)
class Node:
    """One node of the parse tree.

    kind: num (value is the number), bool, name (value is the name), unary (value '+' or '-'),
    not, binary (value is the operator), and, or, compare (value is the tuple of operators,
    args the operands), if (args: then, condition, else), call (value is the function name).
    """

    kind: str
    col: int
    value: object = None
    args: tuple[Node, ...] = ()


def check_text(text: object) -> str:
    """Reject text that is not a string, is blank, or is too long."""
    if not isinstance(text, str):
        raise ExpressionError(f"an expression must be text, not {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"expression is too long ({len(text)} characters; the limit is {MAX_LENGTH})", MAX_LENGTH + 1)
    if not text.strip(" \t"):
        raise ExpressionError("expression is empty", 1)
    return text


def tokenize(text: str) -> list[Token]:
    """Split text into tokens; the first problem becomes an error token so the parser reports
    problems in reading order."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch, col = text[i], i + 1
        if ch in " \t":
            i += 1
            continue
        if ch in _LETTERS:
            word = _WORD.match(text, i).group()  # type: ignore[union-attr]
            if word[0] == "_":
                return _fail(tokens, "names starting with _ are not allowed", col)
            if word in ("true", "false"):
                tokens.append(Token("bool", word, col, word == "true"))
            else:
                tokens.append(Token("op" if word in KEYWORDS else "name", word, col))
            i += len(word)
            continue
        if ch in _DIGITS or (ch == "." and text[i + 1:i + 2] in _DIGITS):
            token = _number(text, i)
            if token.kind == "error":
                return _fail(tokens, token.text, col)
            tokens.append(token)
            i += len(token.text)
            continue
        if ch == ".":
            return _fail(tokens, "attribute access is not allowed ('.' only appears in numbers like 0.5)", col)
        two = text[i:i + 2]
        if two in _BANNED2:
            return _fail(tokens, _BANNED2[two], col)
        op = two if two in _OPERATORS2 else ch if ch in _OPERATORS1 else None
        if op is None:
            return _fail(tokens, _bad_character(ch), col)
        tokens.append(Token("op", op, col))
        i += len(op)
    tokens.append(Token("end", "", n + 1))
    return tokens


def _fail(tokens: list[Token], message: str, col: int) -> list[Token]:
    tokens.append(Token("error", message, col))
    return tokens


def _bad_character(ch: str) -> str:
    if ch in _BANNED1:
        return _BANNED1[ch]
    if ch.isascii() and ch.isprintable():
        return f"'{ch}' is not allowed in expressions"
    # Look-alike letters (Cyrillic a, U+0430; full-width digits) would otherwise be invisible.
    hint = "retype it as a plain ASCII letter" if ch.isalpha() else "expressions use plain ASCII only"
    return f"character {ch!r} (U+{ord(ch):04X}) is not allowed; {hint}"


def _number(text: str, i: int) -> Token:
    """The number token at text[i], or an error token explaining what is wrong with it."""
    digits = _NUMBER.match(text, i).group()  # type: ignore[union-attr]
    tail = _NUMBER_TAIL.match(text, i + len(digits)).group()  # type: ignore[union-attr]
    if tail:
        whole = digits + tail
        if digits == "0" and tail[0] in "xXoObB":
            message = f"'{whole}': only decimal numbers are allowed (no hex, octal or binary)"
        elif tail[0] == "_":
            message = f"'{whole}': write numbers without underscores, e.g. 1000"
        elif tail[0] in "jJ":
            message = f"'{whole}': complex numbers are not allowed"
        elif tail[0] not in "eE." and _WORD.fullmatch(tail):
            message = f"'{whole}' is not a number; to multiply, write '{digits} * {tail}'"
        else:
            message = f"'{whole}' is not a valid number"
        return Token("error", message, i + 1)
    value: float | int = float(digits) if any(c in digits for c in ".eE") else int(digits)
    if not abs(value) <= MAX_LITERAL:  # also catches 1e999, which float() makes infinite
        return Token("error", f"the number {digits} is too large (numbers are limited to 1e9)", i + 1)
    return Token("num", digits, i + 1, value)


def unknown_name(word: str, names: Collection[str], what: str = "name") -> str:
    """Message for a name that is not known, with a suggestion when one is close."""
    close = suggest(word, [*names, "true", "false"])
    return f"unknown {what} '{word}'" + (f" — did you mean '{close}'?" if close else "")


def _unknown_function(word: str) -> str:
    close = suggest(word, FUNCTIONS)
    hint = f"did you mean '{close}'? " if close else ""
    return f"unknown function '{word}' — {hint}available: {', '.join(_USAGE.values())}"


def _arity(name: str) -> str:
    lo, hi = FUNCTIONS[name]
    if lo == hi:
        return f"{lo} argument" + ("s" if lo > 1 else "")
    return f"{lo} to {hi} arguments"


class Parser:
    """Precedence climbing over a token list; ``read`` collects the variable names used."""

    def __init__(self, tokens: list[Token], names: Collection[str], pos: int = 0) -> None:
        self.tokens = tokens
        self.names = names
        self.pos = pos
        self.read: set[str] = set()
        self.nodes = 0
        self.depth = -1  # the whole expression is level 0, so 32 nested parentheses are allowed

    def peek(self) -> Token:
        """The next token; a tokenizer error is raised here, when reading reaches it."""
        tok = self.tokens[self.pos]
        if tok.kind == "error":
            raise ExpressionError(tok.text, tok.col)
        return tok

    def take(self) -> Token:
        """Consume and return the next token."""
        tok = self.peek()
        self.pos += 1
        return tok

    def parse_rest(self) -> Node:
        """Parse from the current token to the end of the text."""
        node = self._expr(0)
        tok = self.peek()
        if tok.kind != "end":
            raise self._unexpected(tok, "the end of the expression")
        return node

    def _node(self, kind: str, col: int, value: object = None, args: tuple[Node, ...] = ()) -> Node:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise ExpressionError(f"expression is too complex (more than {MAX_NODES} parts); split it up", col)
        return Node(kind, col, value, args)

    def _expr(self, min_bp: int) -> Node:
        # Every recursion passes through here, so this one counter bounds the stack.
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"expression is nested too deeply (the limit is {MAX_DEPTH} levels)",
                                  self.peek().col)
        left = self._prefix(min_bp)
        while True:
            tok = self.peek()
            bp = _INFIX.get(tok.text) if tok.kind == "op" else None
            if bp is None or bp <= min_bp:
                break
            self.pos += 1
            if bp == _IF:
                left = self._conditional(left, tok)
            elif bp == _CMP:
                left = self._compare(left, tok)
            elif bp == _POW:
                left = self._node("binary", tok.col, "**", (left, self._exponent()))
            else:
                kind = tok.text if tok.text in ("and", "or") else "binary"
                left = self._node(kind, tok.col, tok.text, (left, self._expr(bp)))
        self.depth -= 1
        return left

    def _prefix(self, min_bp: int) -> Node:
        tok = self.take()
        if tok.kind == "num":
            return self._node("num", tok.col, tok.value)
        if tok.kind == "bool":
            return self._node("bool", tok.col, tok.value)
        if tok.kind == "name":
            return self._name(tok)
        if tok.text in ("-", "+"):
            return self._node("unary", tok.col, tok.text, (self._expr(_UNARY),))
        if tok.text == "not":
            if min_bp > _NOT:  # Python rejects 'x == not y' too; the precedence would surprise
                raise ExpressionError("put 'not ...' in parentheses here", tok.col)
            return self._node("not", tok.col, None, (self._expr(_NOT),))
        if tok.text == "(":
            inner = self._expr(0)
            close = self.peek()
            if close.text != ")":
                if close.kind == "end":
                    raise ExpressionError(f"missing ')' to close the '(' at column {tok.col}", close.col)
                raise self._unexpected(close, "')'")
            self.pos += 1
            return inner
        if tok.kind == "end":
            raise ExpressionError("the expression is incomplete: a value is missing at the end", tok.col)
        if tok.text in ASSIGNMENTS:
            raise self._unexpected(tok, "a value")
        raise ExpressionError(f"expected a value but found '{tok.text}'", tok.col)

    def _name(self, tok: Token) -> Node:
        word = tok.text
        if self.peek().text == "(":
            if word in FUNCTIONS:
                return self._call(tok)
            if word in self.names:
                raise ExpressionError(f"'{word}' is a value, not a function", tok.col)
            raise ExpressionError(_unknown_function(word), tok.col)
        if word in self.names:
            self.read.add(word)
            return self._node("name", tok.col, word)
        if word in FUNCTIONS:
            raise ExpressionError(f"'{word}' is a function; call it like {_USAGE[word]}", tok.col)
        raise ExpressionError(unknown_name(word, self.names), tok.col)

    def _call(self, name: Token) -> Node:
        self.pos += 1  # the '('
        args: list[Node] = []
        if self.peek().text != ")":
            while True:
                args.append(self._expr(0))
                tok = self.peek()
                if tok.text == ")":
                    break
                if tok.text == ",":
                    self.pos += 1
                elif tok.text == "=":
                    raise ExpressionError("keyword arguments are not allowed", tok.col)
                elif tok.kind == "end":
                    raise ExpressionError(f"missing ')' to close '{name.text}('", tok.col)
                else:
                    raise self._unexpected(tok, "',' or ')'")
        self.pos += 1  # the ')'
        lo, hi = FUNCTIONS[name.text]
        if not lo <= len(args) <= hi:
            raise ExpressionError(f"{name.text}() takes {_arity(name.text)}, not {len(args)}", name.col)
        return self._node("call", name.col, name.text, tuple(args))

    def _exponent(self) -> Node:
        # Only a literal exponent is allowed, so no expression can compute a huge power.
        start = self.peek().col
        node = self._expr(_UNARY)
        sign, inner = 1, node
        while inner.kind == "unary":
            sign, inner = (-sign if inner.value == "-" else sign), inner.args[0]
        if inner.kind != "num":
            raise ExpressionError(f"the exponent must be a plain number from -{MAX_EXPONENT} to {MAX_EXPONENT}, "
                                  "e.g. 'x ** 2'", start)
        value = sign * inner.value  # type: ignore[operator]
        if abs(value) > MAX_EXPONENT:
            raise ExpressionError(f"exponents are limited to {MAX_EXPONENT} (this one is {value:g})", start)
        return Node("num", start, value)

    def _compare(self, left: Node, tok: Token) -> Node:
        ops, operands = [tok.text], [left, self._expr(_CMP)]
        while (nxt := self.peek()).kind == "op" and nxt.text in COMPARISONS:
            self.pos += 1
            ops.append(nxt.text)
            operands.append(self._expr(_CMP))
        return self._node("compare", tok.col, tuple(ops), tuple(operands))

    def _conditional(self, then: Node, tok: Token) -> Node:
        condition = self._expr(_IF)
        if self.peek().text != "else":
            raise ExpressionError("'if' needs an 'else', e.g. '10 if tension > 50 else 0'", self.peek().col)
        self.pos += 1
        otherwise = self._expr(0)  # right-associative: a if b else c if d else e
        return self._node("if", tok.col, None, (then, condition, otherwise))

    def _unexpected(self, tok: Token, expected: str) -> ExpressionError:
        text = tok.text
        if text == "=":
            message = "use == to compare, = is only for effects"
        elif text in ASSIGNMENTS:
            message = f"'{text}' is only for effects, e.g. 'tension {text} 5'"
        elif text == ")":
            message = "unmatched ')'"
        elif text == "else":
            message = "'else' without 'if'"
        elif tok.kind in ("num", "name", "bool") or text in ("(", "not"):
            message = f"missing operator before '{text}'"
        elif tok.kind == "end":
            message = f"expected {expected} at the end"
        else:
            message = f"expected {expected} but found '{text}'"
        return ExpressionError(message, tok.col)
