"""The two ways a record is read agree: the common case, written out from the
schema's table (records.RecordKind.read_common), never accepts a record the
careful, reporting reader refuses, and reads every field it accepts the same."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from planner.load.records import CLIENT, CONTACT, ExportRecords
from planner.load.yaml.problems import Problems
from planner.load.yaml.reader import Document, Mapping, Sequence
from planner.text.suggest import IdSuggestions


class _Mark:
    line, column, index = 0, 0, 0


MARK = _Mark()


def mapping(index: dict) -> Mapping:
    return Mapping(index, [MARK] * (2 * len(index)), MARK)


TEXTS = st.sampled_from(["A", "Piet de Vries", "", "0012", "1e3", "P@A", " ", "yes", "Ja"])
VALUES = st.one_of(
    st.none(),
    TEXTS,
    st.sampled_from(["Ja", "nee", "jA", "TRUE", "maybe", "company", "Persoon", "bedrijf", "stichting"]),
    st.sampled_from(["1961-04-02", "1961-02-30", "2024-1-1", "61-04-02"]),
    st.builds(lambda: mapping({"twinfield": "Ja"})),
    st.builds(lambda: mapping({"afas": "true", "qics": "Nee"})),
    st.builds(lambda: mapping({"unknown": "Ja"})),
    st.builds(lambda: Sequence(["A"], [MARK], MARK)),
)


#: A record of each kind written the common way; each test changes some fields.
SOUND = {
    "client": {"id": "10001", "name": "Alfa Bouw B.V.", "type": "company", "client_online": "Ja",
               "ended": "Nee", "email": "info@alfa.nl", "birth_date": "1961-04-02",
               "integrations": mapping({"twinfield": "Ja"})},
    "contact": {"id": "C-1", "client": "10001", "name": "Piet", "email": "piet@alfa.nl",
                "birth_date": "1961-04-02", "main": "10003", "client_online": "Ja", "ended": "Nee"},
}


@given(st.sampled_from([CLIENT, CONTACT]), st.data())
def test_the_common_reader_agrees_with_the_careful_one(kind, data):
    index = dict(SOUND[kind.name])
    for name in data.draw(st.lists(st.sampled_from(kind.keys), max_size=3, unique=True), label="changed"):
        value = data.draw(st.one_of(st.just(...), VALUES), label=name)
        if value is ...:
            del index[name]
        else:
            index[name] = value
    records = ExportRecords(Problems(), Document("t.yaml"), IdSuggestions())
    # A combination of links read once is known afterwards, as in a real read.
    links = index.get("integrations")
    if links.__class__ is Mapping and data.draw(st.booleans(), label="links seen"):
        records.links_of(mapping({"integrations": links}), links, "a client")
    common = kind.read_common(index, 1, 1, records.links)
    values = records.careful(kind, mapping(index))
    if common is not None:
        assert records.problems.kept == []
        assert [getattr(common, f.name) for f in kind.fields] == values
