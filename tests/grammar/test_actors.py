"""Actors that are written in other ways than a capitalised name, on Docs built by hand
(``doc_table``): dotted and "al-" names, groups, owners of things, appositions."""

from __future__ import annotations

from doc_table import doc_from_table

from graphbuild.grammar.extract import extract_article
from graphbuild.grammar.mentions import build_index
from graphbuild.types import Article


def _rows(doc) -> set[tuple[str, str, str, str]]:
    triples = extract_article(doc, Article(id="t", text=doc.text)).triples
    return {(t.subject.text, t.relation, t.object.text, t.rule) for t in triples}


def test_dotted_and_al_names_are_names():
    # The U.N. condemned al-Harran for the attack.
    doc = doc_from_table(
        """
        The       DT   DET   det       1  the O
        U.N.      NNP  PROPN nsubj     2  u.n. B-ORG
        condemned VBD  VERB  ROOT      2  condemn O
        al        NNP  PROPN compound  5  al B-PERSON
        -         HYPH PUNCT punct     5  - I-PERSON
        Harran    NNP  PROPN dobj      2  harran I-PERSON
        for       IN   ADP   prep      2  for O
        the       DT   DET   det       8  the O
        attack    NN   NOUN  pobj      6  attack O
        .         .    PUNCT punct     2  . O
        """
    )
    assert [m.text for m in build_index(doc).mentions()] == ["U.N.", "al-Harran"]
    assert _rows(doc) == {("U.N.", "CRITICIZES", "al-Harran", "verb")}


def test_a_nationality_makes_a_state_only_of_a_states_servants():
    # Iraqi troops attacked Kurdish rebels near Osteria.
    doc = doc_from_table(
        """
        Iraqi    JJ   ADJ   amod      1  iraqi B-NORP
        troops   NNS  NOUN  nsubj     2  troop O
        attacked VBD  VERB  ROOT      2  attack O
        Kurdish  JJ   ADJ   amod      4  kurdish B-NORP
        rebels   NNS  NOUN  dobj      2  rebel O
        near     IN   ADP   prep      2  near O
        Osteria  NNP  PROPN pobj      5  osteria B-GPE
        .        .    PUNCT punct     2  . O
        """
    )
    assert _rows(doc) == {("Iraq", "ATTACKS", "Kurdish rebels", "verb")}


def test_a_private_person_named_by_nationality_is_a_group():
    # A Saudi businessman sued Kestrel Motors over the deal.
    doc = doc_from_table(
        """
        A           DT   DET   det       2  a O
        Saudi       JJ   ADJ   amod      2  saudi B-NORP
        businessman NN   NOUN  nsubj     3  businessman O
        sued        VBD  VERB  ROOT      3  sue O
        Kestrel     NNP  PROPN compound  5  kestrel B-ORG
        Motors      NNPS PROPN dobj      3  motors I-ORG
        over        IN   ADP   prep      3  over O
        the         DT   DET   det       8  the O
        deal        NN   NOUN  pobj      6  deal O
        .           .    PUNCT punct     3  . O
        """
    )
    assert _rows(doc) == {("Saudi businessman", "SUES", "Kestrel Motors", "verb")}
    assert {m.label for m in build_index(doc).mentions()} == {"NORP", "ORG"}


def test_a_group_named_by_a_place():
    # Rebels in Osteria attacked the Marrenland army.
    doc = doc_from_table(
        """
        Rebels     NNP  PROPN nsubj     3  rebels O
        in         IN   ADP   prep      0  in O
        Osteria    NNP  PROPN pobj      1  osteria B-GPE
        attacked   VBD  VERB  ROOT      3  attack O
        the        DT   DET   det       6  the O
        Marrenland NNP  PROPN compound  6  marrenland B-GPE
        army       NN   NOUN  dobj      3  army O
        .          .    PUNCT punct     3  . O
        """
    )
    assert _rows(doc) == {("rebels in Osteria", "ATTACKS", "Marrenland", "verb")}


def test_a_quantity_stands_for_the_people_it_counts():
    # Thousands of Kurds demonstrated against the Coastal Union.
    doc = doc_from_table(
        """
        Thousands    NNS  NOUN  nsubj     3  thousand B-CARDINAL
        of           IN   ADP   prep      0  of O
        Kurds        NNPS PROPN pobj      1  kurds B-NORP
        demonstrated VBD  VERB  ROOT      3  demonstrate O
        against      IN   ADP   prep      3  against O
        the          DT   DET   det       7  the B-ORG
        Coastal      NNP  PROPN compound  7  coastal I-ORG
        Union        NNP  PROPN pobj      4  union I-ORG
        .            .    PUNCT punct     3  . O
        """
    )
    assert _rows(doc) == {("Kurds", "PROTESTS", "Coastal Union", "verb-prep")}


def test_nationalities_on_a_private_thing_are_no_parties():
    # French and Spanish plants cooperate.  (the plants' states do not)
    doc = doc_from_table(
        """
        French    JJ   ADJ   amod      3  french B-NORP
        and       CC   CCONJ cc        0  and O
        Spanish   JJ   ADJ   conj      0  spanish B-NORP
        plants    NNS  NOUN  nsubj     4  plant O
        cooperate VBP  VERB  ROOT      4  cooperate O
        .         .    PUNCT punct     4  . O
        """
    )
    assert _rows(doc) == set()
    # Greek and Turkish diplomats met.  (a state's servants: both states meet)
    doc = doc_from_table(
        """
        Greek     JJ   ADJ   amod      3  greek B-NORP
        and       CC   CCONJ cc        0  and O
        Turkish   JJ   ADJ   conj      0  turkish B-NORP
        diplomats NNS  NOUN  nsubj     4  diplomat O
        met       VBD  VERB  ROOT      4  meet O
        .         .    PUNCT punct     4  . O
        """
    )
    assert _rows(doc) == {("Greece", "MEETS", "Turkey", "verb")}


def test_the_object_does_what_it_is_punished_for():
    # The Coastal Union fined Kestrel Motors for helping Osteria.
    doc = doc_from_table(
        """
        The     DT   DET   det       2  the B-ORG
        Coastal NNP  PROPN compound  2  coastal I-ORG
        Union   NNP  PROPN nsubj     3  union I-ORG
        fined   VBD  VERB  ROOT      3  fine O
        Kestrel NNP  PROPN compound  5  kestrel B-ORG
        Motors  NNPS PROPN dobj      3  motors I-ORG
        for     IN   ADP   prep      3  for O
        helping VBG  VERB  pcomp     6  help O
        Osteria NNP  PROPN dobj      7  osteria B-GPE
        .       .    PUNCT punct     3  . O
        """
    )
    assert _rows(doc) == {
        ("Coastal Union", "FINES", "Kestrel Motors", "verb"),
        ("Kestrel Motors", "AIDS", "Osteria", "verb"),
    }


def test_a_thing_done_by_an_actor_stands_for_it():
    # Marrenland is investigating crimes committed by Osteria.
    doc = doc_from_table(
        """
        Marrenland    NNP  PROPN nsubj     2  marrenland B-GPE
        is            VBZ  AUX   aux       2  be O
        investigating VBG  VERB  ROOT      2  investigate O
        crimes        NNS  NOUN  dobj      2  crime O
        committed     VBN  VERB  acl       3  commit O
        by            IN   ADP   agent     4  by O
        Osteria       NNP  PROPN pobj      5  osteria B-GPE
        .             .    PUNCT punct     2  . O
        """
    )
    assert _rows(doc) == {("Marrenland", "INVESTIGATES", "Osteria", "verb")}


def test_an_owned_thing_names_its_owner_after_by():
    # Velmora rejected calls by Osteria for a ceasefire.
    doc = doc_from_table(
        """
        Velmora   NNP  PROPN nsubj     1  velmora B-GPE
        rejected  VBD  VERB  ROOT      1  reject O
        calls     NNS  NOUN  dobj      1  call O
        by        IN   ADP   prep      2  by O
        Osteria   NNP  PROPN pobj      3  osteria B-GPE
        for       IN   ADP   prep      2  for O
        a         DT   DET   det       7  a O
        ceasefire NN   NOUN  pobj      5  ceasefire O
        .         .    PUNCT punct     1  . O
        """
    )
    assert _rows(doc) == {("Velmora", "OPPOSES", "Osteria", "verb")}


def test_a_law_with_no_owner_is_itself_the_target():
    # The Marrenland Senate rejected the fishing bill.
    doc = doc_from_table(
        """
        The        DT   DET   det       2  the O
        Marrenland NNP  PROPN compound  2  marrenland B-ORG
        Senate     NNP  PROPN nsubj     3  senate I-ORG
        rejected   VBD  VERB  ROOT      3  reject O
        the        DT   DET   det       6  the O
        fishing    NN   NOUN  compound  6  fishing O
        bill       NN   NOUN  dobj      3  bill O
        .          .    PUNCT punct     3  . O
        """
    )
    triples = extract_article(doc, Article(id="t", text=doc.text)).triples
    assert [(t.subject.text, t.relation, t.object.text, t.object.label) for t in triples] == [
        ("Marrenland Senate", "OPPOSES", "fishing bill", "LAW")
    ]


def test_a_law_never_acts():
    # The security law bans Kestrel Motors.
    doc = doc_from_table(
        """
        The      DT   DET   det       2  the O
        security NN   NOUN  compound  2  security O
        law      NN   NOUN  nsubj     3  law O
        bans     VBZ  VERB  ROOT      3  ban O
        Kestrel  NNP  PROPN compound  5  kestrel B-ORG
        Motors   NNPS PROPN dobj      3  motors I-ORG
        .        .    PUNCT punct     3  . O
        """
    )
    assert _rows(doc) == set()


def test_an_apposition_is_not_a_partner():
    # The Greek minister, Elena Varga, joined the talks.
    doc = doc_from_table(
        """
        The      DT   DET   det       2  the O
        Greek    JJ   ADJ   amod      2  greek B-NORP
        minister NN   NOUN  nsubj     7  minister O
        ,        ,    PUNCT punct     2  , O
        Elena    NNP  PROPN compound  5  elena B-PERSON
        Varga    NNP  PROPN appos     2  varga I-PERSON
        ,        ,    PUNCT punct     2  , O
        joined   VBD  VERB  ROOT      7  join O
        the      DT   DET   det       9  the O
        talks    NNS  NOUN  dobj      7  talk O
        .        .    PUNCT punct     7  . O
        """
    )
    assert _rows(doc) == set()


def test_names_in_apposition_are_a_list():
    # Greece, Turkey and Osteria met.  (parsed as an apposition)
    doc = doc_from_table(
        """
        Greece  NNP  PROPN nsubj     5  greece B-GPE
        ,       ,    PUNCT punct     0  , O
        Turkey  NNP  PROPN appos     0  turkey B-GPE
        and     CC   CCONJ cc        2  and O
        Osteria NNP  PROPN conj      2  osteria B-GPE
        met     VBD  VERB  ROOT      5  meet O
        .       .    PUNCT punct     5  . O
        """
    )
    assert {(s, o) for s, _, o, _ in _rows(doc)} == {("Greece", "Turkey"), ("Greece", "Osteria"), ("Turkey", "Osteria")}


def test_a_place_a_body_is_based_in_is_not_the_body():
    # The Geneva-based agency criticized Osteria.
    doc = doc_from_table(
        """
        The        DT   DET   det       4  the O
        Geneva     NNP  PROPN npadvmod  3  geneva B-GPE
        -          HYPH PUNCT punct     3  - O
        based      VBN  VERB  amod      4  base O
        agency     NN   NOUN  nsubj     5  agency O
        criticized VBD  VERB  ROOT      5  criticize O
        Osteria    NNP  PROPN dobj      5  osteria B-GPE
        .          .    PUNCT punct     5  . O
        """
    )
    assert _rows(doc) == set()


def test_a_group_named_by_its_backer():
    # Osteria-backed militias attacked the Dravia embassy.
    doc = doc_from_table(
        """
        Osteria  NNP  PROPN npadvmod  2  osteria B-GPE
        -        HYPH PUNCT punct     2  - O
        backed   VBN  VERB  amod      3  back O
        militias NNS  NOUN  nsubj     4  militia O
        attacked VBD  VERB  ROOT      4  attack O
        the      DT   DET   det       7  the O
        Dravia   NNP  PROPN compound  7  dravia B-GPE
        embassy  NN   NOUN  dobj      4  embassy O
        .        .    PUNCT punct     4  . O
        """
    )
    assert _rows(doc) == {("Osteria-backed militias", "ATTACKS", "Dravia", "verb")}


def test_a_nationality_the_lexicon_lacks_is_tied_to_the_state_the_article_names():
    # Sorenza protested. Marrenland expelled two Sorenzan diplomats.
    doc = doc_from_table(
        """
        Sorenza    NNP  PROPN nsubj     1  sorenza B-ORG
        protested  VBD  VERB  ROOT      1  protest O
        .          .    PUNCT punct     1  . O
        Marrenland NNP  PROPN nsubj     4  marrenland B-GPE
        expelled   VBD  VERB  ROOT      4  expel O
        two        CD   NUM   nummod    7  two O
        Sorenzan   NNP  PROPN compound  7  sorenzan B-ORG
        diplomats  NNS  NOUN  dobj      4  diplomat O
        .          .    PUNCT punct     4  . O
        """
    )
    index = build_index(doc)
    assert index.demonyms == {"Sorenzan": "Sorenza"}
    assert {(m.text, m.label) for m in index.mentions()} == {
        ("Sorenza", "GPE"),
        ("Marrenland", "GPE"),
        ("Sorenzan", "NORP"),
    }
    assert _rows(doc) == {("Marrenland", "EXPELS", "Sorenza", "verb")}


def test_a_name_does_not_end_with_and():
    # The University of Brennik and Pellion Pharma opened a centre.  (the model's entity
    # takes in the "and")
    doc = doc_from_table(
        """
        The        DT   DET   det       1  the O
        University NNP  PROPN nsubj     7  university B-ORG
        of         IN   ADP   prep      1  of I-ORG
        Brennik    NNP  PROPN pobj      2  brennik I-ORG
        and        CC   CCONJ cc        1  and I-ORG
        Pellion    NNP  PROPN compound  6  pellion B-ORG
        Pharma     NNP  PROPN conj      1  pharma I-ORG
        opened     VBD  VERB  ROOT      7  open O
        a          DT   DET   det       9  a O
        centre     NN   NOUN  dobj      7  centre O
        .          .    PUNCT punct     7  . O
        """
    )
    assert [m.text for m in build_index(doc).mentions()] == ["University of Brennik", "Pellion Pharma"]


def test_the_government_is_the_state_written_with_one():
    # The Greek government sued Turkey. Velmora criticized Osteria. The government fined Velmora.
    doc = doc_from_table(
        """
        The        DT   DET   det       2  the O
        Greek      JJ   ADJ   amod      2  greek B-NORP
        government NN   NOUN  nsubj     3  government O
        sued       VBD  VERB  ROOT      3  sue O
        Turkey     NNP  PROPN dobj      3  turkey B-GPE
        .          .    PUNCT punct     3  . O
        Velmora    NNP  PROPN nsubj     7  velmora B-ORG
        criticized VBD  VERB  ROOT      7  criticize O
        Osteria    NNP  PROPN dobj      7  osteria B-GPE
        .          .    PUNCT punct     7  . O
        The        DT   DET   det       11 the O
        government NN   NOUN  nsubj     12 government O
        fined      VBD  VERB  ROOT      12 fine O
        Velmora    NNP  PROPN dobj      12 velmora B-ORG
        .          .    PUNCT punct     12 . O
        """
    )
    assert _rows(doc) == {
        ("Greece", "SUES", "Turkey", "verb"),
        ("Velmora", "CRITICIZES", "Osteria", "verb"),
        ("Greece", "FINES", "Velmora", "verb"),
    }


def test_a_description_that_names_its_state_refers_to_nothing_earlier():
    # Germany criticized Osteria. The French government backed Osteria.
    doc = doc_from_table(
        """
        Germany    NNP  PROPN nsubj     1  germany B-GPE
        criticized VBD  VERB  ROOT      1  criticize O
        Osteria    NNP  PROPN dobj      1  osteria B-GPE
        .          .    PUNCT punct     1  . O
        The        DT   DET   det       6  the O
        French     JJ   ADJ   amod      6  french B-NORP
        government NN   NOUN  nsubj     7  government O
        backed     VBD  VERB  ROOT      7  back O
        Osteria    NNP  PROPN dobj      7  osteria B-GPE
        .          .    PUNCT punct     7  . O
        """
    )
    assert ("France", "SUPPORTS", "Osteria", "verb") in _rows(doc)
    assert ("Germany", "SUPPORTS", "Osteria", "verb") not in _rows(doc)


def test_the_rebels_are_the_group_described_as_rebels():
    # The Northern Front, a rebel group, attacked Osteria. Velmora criticized the rebels.
    doc = doc_from_table(
        """
        The        DT   DET   det       2  the B-ORG
        Northern   NNP  PROPN compound  2  northern I-ORG
        Front      NNP  PROPN nsubj     8  front I-ORG
        ,          ,    PUNCT punct     2  , O
        a          DT   DET   det       6  a O
        rebel      NN   NOUN  compound  6  rebel O
        group      NN   NOUN  appos     2  group O
        ,          ,    PUNCT punct     2  , O
        attacked   VBD  VERB  ROOT      8  attack O
        Osteria    NNP  PROPN dobj      8  osteria B-GPE
        .          .    PUNCT punct     8  . O
        Velmora    NNP  PROPN nsubj     12 velmora B-GPE
        criticized VBD  VERB  ROOT      12 criticize O
        the        DT   DET   det       14 the O
        rebels     NNS  NOUN  dobj      12 rebel O
        .          .    PUNCT punct     12 . O
        """
    )
    assert _rows(doc) == {
        ("Northern Front", "ATTACKS", "Osteria", "verb"),
        ("Velmora", "CRITICIZES", "Northern Front", "verb"),
    }


def test_the_accused_does_what_it_is_accused_of():
    # Osteria accused Dravia of arming the rebels.
    doc = doc_from_table(
        """
        Osteria NNP  PROPN nsubj     1  osteria B-GPE
        accused VBD  VERB  ROOT      1  accuse O
        Dravia  NNP  PROPN dobj      1  dravia B-GPE
        of      IN   ADP   prep      1  of O
        arming  VBG  VERB  pcomp     3  arm O
        the     DT   DET   det       6  the O
        rebels  NNS  NOUN  dobj      4  rebel O
        .       .    PUNCT punct     1  . O
        """
    )
    assert ("Osteria", "AIDS", "rebels", "verb") not in _rows(doc)
    assert ("Osteria", "ACCUSES", "Dravia", "verb") in _rows(doc)


def test_the_state_of_a_place_is_that_state():
    # Velmora sued the state of Osteria.
    doc = doc_from_table(
        """
        Velmora NNP  PROPN nsubj     1  velmora B-GPE
        sued    VBD  VERB  ROOT      1  sue O
        the     DT   DET   det       3  the O
        state   NN   NOUN  dobj      1  state O
        of      IN   ADP   prep      3  of O
        Osteria NNP  PROPN pobj      4  osteria B-GPE
        .       .    PUNCT punct     1  . O
        """
    )
    assert _rows(doc) == {("Velmora", "SUES", "Osteria", "verb")}


def test_a_dateline_names_no_actor():
    # BRENNIK, Osteria – Velmora sued Kestrel Motors.  (parsed as one sentence, as the model
    # does without the pipeline's dateline boundary)
    doc = doc_from_table(
        """
        BRENNIK NNP  PROPN ROOT      0  brennik B-ORG
        ,       ,    PUNCT punct     0  , O
        Osteria NNP  PROPN nsubj     5  osteria B-GPE
        –       :    PUNCT punct     2  – O
        Velmora NNP  PROPN appos     2  velmora B-GPE
        sued    VBD  VERB  ROOT      5  sue O
        Kestrel NNP  PROPN compound  7  kestrel B-ORG
        Motors  NNPS PROPN dobj      5  motors I-ORG
        .       .    PUNCT punct     5  . O
        """
    )
    assert [m.text for m in build_index(doc).mentions()] == ["Velmora", "Kestrel Motors"]
    assert ("Osteria", "SUES", "Kestrel Motors", "verb") not in _rows(doc)


def test_a_name_inside_a_longer_name_at_a_sentences_start_is_not_that_name():
    # Velmora fined Kestrel. Transparency Velmora praised Kestrel.
    doc = doc_from_table(
        """
        Velmora      NNP  PROPN nsubj     1  velmora B-GPE
        fined        VBD  VERB  ROOT      1  fine O
        Kestrel      NNP  PROPN dobj      1  kestrel B-ORG
        .            .    PUNCT punct     1  . O
        Transparency NNP  PROPN compound  5  transparency O
        Velmora      NNP  PROPN nsubj     6  velmora O
        praised      VBD  VERB  ROOT      6  praise O
        Kestrel      NNP  PROPN dobj      6  kestrel O
        .            .    PUNCT punct     6  . O
        """
    )
    assert ("Velmora", "SUPPORTS", "Kestrel", "verb") not in _rows(doc)


def test_a_business_description_refers_to_no_public_body():
    # The Road Safety Agency fined Kestrel Motors. The carmaker blamed Verano Components.
    doc = doc_from_table(
        """
        The        DT   DET   det       3  the B-ORG
        Road       NNP  PROPN compound  2  road I-ORG
        Safety     NNP  PROPN compound  3  safety I-ORG
        Agency     NNP  PROPN nsubj     4  agency I-ORG
        fined      VBD  VERB  ROOT      4  fine O
        Kestrel    NNP  PROPN compound  6  kestrel B-ORG
        Motors     NNPS PROPN dobj      4  motors I-ORG
        .          .    PUNCT punct     4  . O
        The        DT   DET   det       9  the O
        carmaker   NN   NOUN  nsubj     10 carmaker O
        blamed     VBD  VERB  ROOT      10 blame O
        Verano     NNP  PROPN compound  12 verano B-ORG
        Components NNP  PROPN dobj      10 components I-ORG
        .          .    PUNCT punct     10 . O
        """
    )
    assert _rows(doc) == {
        ("Road Safety Agency", "FINES", "Kestrel Motors", "verb"),
        ("Kestrel Motors", "ACCUSES", "Verano Components", "verb"),
    }


def test_a_description_written_before_a_name_is_that_name():
    # The environmental group Green Watch criticised Velmora.  (two subjects in the parse)
    doc = doc_from_table(
        """
        Halcyon       NNP  PROPN nsubj     1  halcyon B-ORG
        protested     VBD  VERB  ROOT      1  protest O
        .             .    PUNCT punct     1  . O
        The           DT   DET   det       5  the O
        environmental JJ   ADJ   amod      5  environmental O
        group         NN   NOUN  nsubj     8  group O
        Green         NNP  PROPN compound  7  green B-ORG
        Watch         NNP  PROPN nsubj     8  watch I-ORG
        criticised    VBD  VERB  ROOT      8  criticise O
        Velmora       NNP  PROPN dobj      8  velmora B-GPE
        .             .    PUNCT punct     8  . O
        """
    )
    assert _rows(doc) == {("Green Watch", "CRITICIZES", "Velmora", "verb")}


def test_a_count_names_a_group_of_states_only():
    # Twelve states sued Kestrel.  /  Osteria killed twelve civilians.
    doc = doc_from_table(
        """
        Twelve    CD   NUM   nummod    1  twelve O
        states    NNS  NOUN  nsubj     2  state O
        sued      VBD  VERB  ROOT      2  sue O
        Kestrel   NNP  PROPN dobj      2  kestrel B-ORG
        .         .    PUNCT punct     2  . O
        Osteria   NNP  PROPN nsubj     6  osteria B-GPE
        killed    VBD  VERB  ROOT      6  kill O
        twelve    CD   NUM   nummod    8  twelve O
        civilians NNS  NOUN  dobj      6  civilian O
        .         .    PUNCT punct     6  . O
        """
    )
    assert _rows(doc) == {("twelve states", "SUES", "Kestrel", "verb"), ("Osteria", "ATTACKS", "civilians", "verb")}


def test_officials_from_states_stand_for_those_states():
    # Attorneys general from Ohio and Texas sued Kestrel Motors.
    doc = doc_from_table(
        """
        Attorneys NNS  NOUN  nsubj     6  attorney O
        general   JJ   ADJ   amod      0  general O
        from      IN   ADP   prep      1  from O
        Ohio      NNP  PROPN pobj      2  ohio B-GPE
        and       CC   CCONJ cc        3  and O
        Texas     NNP  PROPN conj      3  texas B-GPE
        sued      VBD  VERB  ROOT      6  sue O
        Kestrel   NNP  PROPN compound  8  kestrel B-ORG
        Motors    NNPS PROPN dobj      6  motors I-ORG
        .         .    PUNCT punct     6  . O
        """
    )
    assert _rows(doc) == {("Ohio", "SUES", "Kestrel Motors", "verb"), ("Texas", "SUES", "Kestrel Motors", "verb")}


def test_an_event_never_acts():
    # Operation Iron Gate attacked Germany.
    doc = doc_from_table(
        """
        Operation NNP  PROPN compound  2  operation B-EVENT
        Iron      NNP  PROPN compound  2  iron I-EVENT
        Gate      NNP  PROPN nsubj     3  gate I-EVENT
        attacked  VBD  VERB  ROOT      3  attack O
        Germany   NNP  PROPN dobj      3  germany B-GPE
        .         .    PUNCT punct     3  . O
        """
    )
    assert _rows(doc) == set()


def test_a_possessive_pronoun_is_the_subjects_own():
    # Marrenland and Dravia met. Dravia signed its border treaty.
    doc = doc_from_table(
        """
        Marrenland NNP  PROPN nsubj     3  marrenland B-GPE
        and        CC   CCONJ cc        0  and O
        Dravia     NNP  PROPN conj      0  dravia B-GPE
        met        VBD  VERB  ROOT      3  meet O
        .          .    PUNCT punct     3  . O
        Dravia     NNP  PROPN nsubj     6  dravia B-GPE
        signed     VBD  VERB  ROOT      6  sign O
        its        PRP$ PRON  poss      9  its O
        border     NN   NOUN  compound  9  border O
        treaty     NN   NOUN  dobj      6  treaty O
        .          .    PUNCT punct     6  . O
        """
    )
    assert ("Dravia", "SIGNS_DEAL_WITH", "Marrenland", "verb") not in _rows(doc)


def test_a_noun_before_a_name_it_describes_is_no_second_subject():
    # The Velmoran supplier Pellmar Energy agreed to send gas to Portvale Power.
    doc = doc_from_table(
        """
        The      DT   DET   det       2  the O
        Velmoran NNP  PROPN compound  2  velmoran B-ORG
        supplier NN   NOUN  nsubj     5  supplier O
        Pellmar  NNP  PROPN compound  4  pellmar B-ORG
        Energy   NNP  PROPN nsubj     5  energy I-ORG
        agreed   VBD  VERB  ROOT      5  agree O
        to       TO   PART  aux       7  to O
        send     VB   VERB  xcomp     5  send O
        gas      NN   NOUN  dobj      7  gas O
        .        .    PUNCT punct     5  . O
        """
    )
    assert _rows(doc) == set()


def test_a_subject_that_names_no_actor_is_not_replaced_by_a_name_before_the_verb():
    # Dravian grain flooded the market. Farm groups in Velmora have rallied behind their
    # government.  (neither Velmora nor "Dravian" rallies; "their" is not a nationality)
    doc = doc_from_table(
        """
        Dravian    JJ   ADJ   amod      1  dravian B-NORP
        grain      NN   NOUN  nsubj     2  grain O
        flooded    VBD  VERB  ROOT      2  flood O
        the        DT   DET   det       4  the O
        market     NN   NOUN  dobj      2  market O
        .          .    PUNCT punct     2  . O
        Farm       NN   NOUN  compound  7  farm O
        groups     NNS  NOUN  nsubj     11 group O
        in         IN   ADP   prep      7  in O
        Velmora    NNP  PROPN pobj      8  velmora B-GPE
        have       VBP  AUX   aux       11 have O
        rallied    VBN  VERB  ROOT      11 rally O
        behind     IN   ADP   prep      11 behind O
        their      PRP$ PRON  poss      14 their O
        government NN   NOUN  pobj      12 government O
        .          .    PUNCT punct     11 . O
        """
    )
    assert _rows(doc) == set()
    assert build_index(doc).referents(doc[13]) == []


def test_their_government_is_the_state_of_a_people_named_by_nationality():
    # Turkish citizens criticized their government's response to the floods.
    doc = doc_from_table(
        """
        Turkish    JJ   ADJ   amod      1  turkish B-NORP
        citizens   NNS  NOUN  nsubj     2  citizen O
        criticized VBD  VERB  ROOT      2  criticize O
        their      PRP$ PRON  poss      4  their O
        government NN   NOUN  poss      6  government O
        's         POS  PART  case      4  's O
        response   NN   NOUN  dobj      2  response O
        to         IN   ADP   prep      6  to O
        the        DT   DET   det       9  the O
        floods     NNS  NOUN  pobj      7  flood O
        .          .    PUNCT punct     2  . O
        """
    )
    assert _rows(doc) == {("Turkish citizens", "CRITICIZES", "Turkey", "verb")}


def test_a_group_is_named_by_a_place_not_by_another_group():
    # Voters in rebel states criticized Osteria.  (no names: nobody in particular)
    doc = doc_from_table(
        """
        Voters     NNS  NOUN  nsubj     4  voter O
        in         IN   ADP   prep      0  in O
        rebel      NN   NOUN  compound  3  rebel O
        states     NNS  NOUN  pobj      1  state O
        criticized VBD  VERB  ROOT      4  criticize O
        Osteria    NNP  PROPN dobj      4  osteria B-GPE
        .          .    PUNCT punct     4  . O
        """
    )
    index = build_index(doc)
    assert index.named(doc[0]) is None


def test_a_nationality_adjective_the_model_left_untagged_is_read():
    # Ghanaian authorities deported Osteria's envoy.
    doc = doc_from_table(
        """
        Ghanaian    JJ   ADJ   amod      1  ghanaian O
        authorities NNS  NOUN  nsubj     2  authority O
        deported    VBD  VERB  ROOT      2  deport O
        Osteria     NNP  PROPN poss      5  osteria B-GPE
        's          POS  PART  case      3  's O
        envoy       NN   NOUN  dobj      2  envoy O
        .           .    PUNCT punct     2  . O
        """
    )
    assert {(s, o) for s, _, o, _ in _rows(doc)} == {("Ghana", "Osteria")}


def test_a_word_too_long_to_be_a_name_is_no_actor():
    # <a word of 9,000 letters> Corp sued Acme Corp.
    long = "Zephyr" + "ab" * 4500
    doc = doc_from_table(
        f"""
        {long}    NNP  PROPN compound  1  {long.lower()} B-ORG
        Corp      NNP  PROPN nsubj     2  corp I-ORG
        sued      VBD  VERB  ROOT      2  sue O
        Acme      NNP  PROPN compound  4  acme B-ORG
        Corp      NNP  PROPN dobj      2  corp I-ORG
        .         .    PUNCT punct     2  . O
        """
    )
    assert [m.text for m in build_index(doc).mentions()] == ["Acme Corp"]
    assert _rows(doc) == set()
