"""What the YAML parser says is wrong with a file, in the active language.

libyaml words its errors in English: a problem ("did not find expected key")
and, often, what it was reading ("while parsing a block mapping"). Every one
it can give is listed here with its wording for the catalogue (marked
``N_``, translated when a message is made), the characters it names in
quotation marks of the language; one not listed (a newer libyaml's, or the
pure-Python parser's) is shown as the parser wrote it. The same for the
reasons Python's decoders give for bytes that are not UTF-8 or UTF-16.
"""

from __future__ import annotations

from planner.text.messages import N_, _
from planner.text.typography import quoted

#: libyaml's problems (src/scanner.c, src/parser.c), as messages say them;
#: ``{colon}`` and the like are the character, quoted.
PROBLEMS = {
    "block sequence entries are not allowed in this context": N_("list items ({dash}) are not allowed here"),
    "could not find expected ':'": N_("could not find the expected {colon}"),
    "could not find expected directive name": N_("could not find the expected directive name"),
    "did not find URI escaped octet": N_("did not find the expected escaped byte of a URI"),
    "did not find expected '!'": N_("did not find the expected {bang}"),
    "did not find expected ',' or ']'": N_("did not find the expected {comma} or {close_bracket}"),
    "did not find expected ',' or '}'": N_("did not find the expected {comma} or {close_brace}"),
    "did not find expected '-' indicator": N_("did not find the expected {dash} of a list item"),
    "did not find expected <document start>": N_("did not find the expected document start ({start})"),
    "did not find expected <stream-start>": N_("did not find the expected start of the file"),
    "did not find expected alphabetic or numeric character": N_(
        "did not find the expected letter or digit"
    ),
    "did not find expected comment or line break": N_("did not find the expected comment or line break"),
    "did not find expected digit or '.' character": N_("did not find the expected digit or {dot}"),
    "did not find expected hexdecimal number": N_("did not find the expected hexadecimal number"),
    "did not find expected key": N_("did not find the expected key"),
    "did not find expected node content": N_("did not find the expected value"),
    "did not find expected tag URI": N_("did not find the expected tag URI"),
    "did not find expected version number": N_("did not find the expected version number"),
    "did not find expected whitespace or line break": N_("did not find the expected space or line break"),
    "did not find expected whitespace": N_("did not find the expected space"),
    "did not find the expected '>'": N_("did not find the expected {close_angle}"),
    "found a tab character that violates indentation": N_(
        "found a tab character that breaks the indentation; indent with spaces, not tabs"
    ),
    "found a tab character where an indentation space is expected": N_(
        "found a tab character where an indentation space is expected; indent with spaces, not tabs"
    ),
    "found an incorrect leading UTF-8 octet": N_("found an incorrect first byte of a UTF-8 character"),
    "found an incorrect trailing UTF-8 octet": N_("found an incorrect later byte of a UTF-8 character"),
    "found an indentation indicator equal to 0": N_("found an indentation indicator of 0"),
    "found character that cannot start any token": N_("found a character that cannot start a value"),
    "found duplicate %TAG directive": N_("found a second %TAG directive for the same handle"),
    "found duplicate %YAML directive": N_("found a second %YAML directive"),
    "found extremely long version number": N_("found an extremely long version number"),
    "found incompatible YAML document": N_("found a YAML document of an incompatible version"),
    "found invalid Unicode character escape code": N_("found an invalid escape code of a Unicode character"),
    "found undefined tag handle": N_("found an undefined tag handle"),
    "found unexpected ':'": N_("found an unexpected {colon}"),
    "found unexpected document indicator": N_("found an unexpected document marker ({start} or {end})"),
    "found unexpected end of stream": N_("found the end of the file where more was expected"),
    "found unexpected non-alphabetical character": N_("found an unexpected character that is no letter"),
    "found unknown directive name": N_("found an unknown directive name"),
    "found unknown escape character": N_("found an unknown escape character"),
    "mapping keys are not allowed in this context": N_("mapping keys are not allowed here"),
    "mapping values are not allowed in this context": N_(
        "a key with a value is not allowed here (is a value that holds {colon} not quoted, or a key indented "
        "wrongly?)"
    ),
}

#: What libyaml was reading when it met a problem, as messages say it.
CONTEXTS = {
    "while parsing": N_("while reading"),
    "while parsing a %TAG directive": N_("while reading a %TAG directive"),
    "while parsing a block collection": N_("while reading a list"),
    "while parsing a block mapping": N_("while reading a mapping"),
    "while parsing a block node": N_("while reading a value"),
    "while parsing a flow mapping": N_("while reading a mapping in {braces}"),
    "while parsing a flow node": N_("while reading a value in brackets"),
    "while parsing a flow sequence": N_("while reading a list in {brackets}"),
    "while parsing a node": N_("while reading a value"),
    "while parsing a quoted scalar": N_("while reading a text in quotation marks"),
    "while parsing a tag": N_("while reading a tag"),
    "while parsing a tag directive": N_("while reading a tag directive"),
    "while scanning a %TAG directive": N_("while reading a %TAG directive"),
    "while scanning a %YAML directive": N_("while reading a %YAML directive"),
    "while scanning a block scalar": N_("while reading a block of text ({bar} or {gt})"),
    "while scanning a directive": N_("while reading a directive"),
    "while scanning a plain scalar": N_("while reading a text"),
    "while scanning a quoted scalar": N_("while reading a text in quotation marks"),
    "while scanning a simple key": N_("while reading a key"),
    "while scanning a tag directive": N_("while reading a tag directive"),
    "while scanning a tag": N_("while reading a tag"),
    "while scanning an alias": N_("while reading an alias"),
    "while scanning an anchor": N_("while reading an anchor"),
    "while scanning for the next token": N_("while looking for the next value"),
}

#: Why Python's decoder refused a byte (UnicodeDecodeError.reason).
REASONS = {
    "invalid start byte": N_("a byte that cannot start a character"),
    "invalid continuation byte": N_("a byte that cannot continue a character"),
    "unexpected end of data": N_("the file ends inside a character"),
    "truncated data": N_("the file ends inside a character"),
    "illegal UTF-16 surrogate": N_("a character half that belongs to no pair"),
    "illegal encoding": N_("a character half that belongs to no pair"),
}


def _characters() -> dict[str, str]:
    """The characters messages name, each quoted in the active language."""
    return {
        "colon": quoted(":"), "comma": quoted(","), "dash": quoted("-"), "dot": quoted("."),
        "bang": quoted("!"), "bar": quoted("|"), "gt": quoted(">"), "close_angle": quoted(">"),
        "close_bracket": quoted("]"), "close_brace": quoted("}"), "brackets": quoted("[ ]"),
        "braces": quoted("{ }"), "start": quoted("---"), "end": quoted("..."),
    }


def _said(table: dict[str, str], text: str) -> str:
    message = table.get(text)
    return text if message is None else _(message).format(**_characters())


def parser_problem(text: str) -> str:
    """libyaml's problem ``text`` as a message says it."""
    return _said(PROBLEMS, text)


def parser_context(text: str) -> str:
    """What libyaml was reading (``text``) as a message says it."""
    return _said(CONTEXTS, text)


def reason(text: str) -> str:
    """Why a decoder refused a byte (``text``) as a message says it."""
    return _said(REASONS, text)
