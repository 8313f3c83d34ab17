"""Every rule family on Docs built by hand (``doc_table``), so the tests never drift with a
model's parse. The tables were first printed from the model's parse of each sentence."""

from __future__ import annotations

from doc_table import doc_from_table

from graphbuild.grammar.extract import extract_article
from graphbuild.grammar.registry import RULES, rule
from graphbuild.grammar.rules import FAMILIES, ordered_rules
from graphbuild.types import Article, RawTriple


def _extract(doc) -> tuple[RawTriple, ...]:
    return extract_article(doc, Article(id="t", text=doc.text)).triples


def _rows(triples) -> set[tuple[str, str, str, bool, str]]:
    return {(t.subject.text, t.relation, t.object.text, t.negated, t.rule) for t in triples}


def test_rules_run_by_family_in_a_fixed_order():
    names = [r.name for r in ordered_rules()]
    assert names[:3] == ["verb-prep", "verb-passive", "verb"]
    assert [r.family for r in ordered_rules()] == sorted((r.family for r in RULES), key=FAMILIES.index)
    assert {r.family for r in RULES} == set(FAMILIES)


def test_a_rule_name_is_registered_once():
    import pytest

    with pytest.raises(ValueError, match="registered already"):

        @rule("verb")
        def another_verb(token, ctx):  # pragma: no cover
            yield from ()


def test_every_rule_says_what_it_reads():
    assert all(r.doc for r in RULES)


def test_active_verb():
    # Cisco sued Apple on Wednesday.
    doc = doc_from_table(
        """
        Cisco     NNP  PROPN nsubj     1  Cisco B-GPE
        sued      VBD  VERB  ROOT      1  sue O
        Apple     NNP  PROPN dobj      1  Apple B-ORG
        on        IN   ADP   prep      1  on O
        Wednesday NNP  PROPN pobj      3  Wednesday B-DATE
        .         .    PUNCT punct     1  . O
        """
    )
    assert _rows(_extract(doc)) == {("Cisco", "SUES", "Apple", False, "verb")}


def test_prepositional_verb():
    # Spotify complained about Apple in a letter to regulators.
    doc = doc_from_table(
        """
        Spotify    VB   VERB  nsubj     1  spotify B-ORG
        complained VBD  VERB  ROOT      1  complain O
        about      IN   ADP   prep      1  about O
        Apple      NNP  PROPN pobj      2  Apple B-ORG
        in         IN   ADP   prep      1  in O
        a          DT   DET   det       6  a O
        letter     NN   NOUN  pobj      4  letter O
        to         IN   ADP   prep      6  to O
        regulators NNS  NOUN  pobj      7  regulator O
        .          .    PUNCT punct     1  . O
        """
    )
    assert _rows(_extract(doc)) == {("Spotify", "CRITICIZES", "Apple", False, "verb-prep")}


def test_coordinated_subject():
    # Meta and Spotify criticized the European Commission.
    doc = doc_from_table(
        """
        Meta       NNP  PROPN nsubj     3  Meta B-ORG
        and        CC   CCONJ cc        0  and O
        Spotify    NNP  PROPN conj      0  Spotify B-ORG
        criticized VBD  VERB  ROOT      3  criticize O
        the        DT   DET   det       6  the B-ORG
        European   NNP  PROPN compound  6  European I-ORG
        Commission NNP  PROPN dobj      3  Commission I-ORG
        .          .    PUNCT punct     3  . O
        """
    )
    assert _rows(_extract(doc)) == {
        ("Spotify", "CRITICIZES", "European Commission", False, "verb"),
        ("Meta", "CRITICIZES", "European Commission", False, "verb"),
    }


def test_relative_clause_subject():
    # Cisco, which sued Apple in January, praised Microsoft.
    doc = doc_from_table(
        """
        Cisco     NNP  PROPN nsubj     8  Cisco B-GPE
        ,         ,    PUNCT punct     0  , O
        which     WDT  PRON  nsubj     3  which O
        sued      VBD  VERB  relcl     0  sue O
        Apple     NNP  PROPN dobj      3  Apple B-ORG
        in        IN   ADP   prep      3  in O
        January   NNP  PROPN pobj      5  January B-DATE
        ,         ,    PUNCT punct     0  , O
        praised   VBD  VERB  ROOT      8  praise O
        Microsoft NNP  PROPN dobj      8  Microsoft B-ORG
        .         .    PUNCT punct     8  . O
        """
    )
    assert _rows(_extract(doc)) == {
        ("Cisco", "SUPPORTS", "Microsoft", False, "verb"),
        ("Cisco", "SUES", "Apple", False, "verb"),
    }


def test_denied_gerund_is_negated():
    # Russia denied attacking Ukraine on Monday.
    doc = doc_from_table(
        """
        Russia    NNP  PROPN nsubj     1  Russia B-GPE
        denied    VBD  VERB  ROOT      1  deny O
        attacking VBG  VERB  xcomp     1  attack O
        Ukraine   NNP  PROPN dobj      2  Ukraine B-GPE
        on        IN   ADP   prep      2  on O
        Monday    NNP  PROPN pobj      4  Monday B-DATE
        .         .    PUNCT punct     1  . O
        """
    )
    assert _rows(_extract(doc)) == {("Russia", "ATTACKS", "Ukraine", True, "verb")}


def test_neither_nor_negates():
    # Neither Germany nor France opposed the plan of Poland.
    doc = doc_from_table(
        """
        Neither CC   CCONJ det       1  neither O
        Germany NNP  PROPN nsubj     4  Germany B-GPE
        nor     CC   CCONJ cc        1  nor O
        France  NNP  PROPN conj      1  France B-GPE
        opposed VBD  VERB  ROOT      4  oppose O
        the     DT   DET   det       6  the O
        plan    NN   NOUN  dobj      4  plan O
        of      IN   ADP   prep      6  of O
        Poland  NNP  PROPN pobj      7  Poland B-GPE
        .       .    PUNCT punct     4  . O
        """
    )
    assert _rows(_extract(doc)) == {
        ("France", "OPPOSES", "Poland", True, "verb"),
        ("Germany", "OPPOSES", "Poland", True, "verb"),
    }


def test_could_is_hypothetical():
    # Osteria could sue Marrenland over the tariffs.
    doc = doc_from_table(
        """
        Osteria    NNP  PROPN nsubj     2  Osteria B-GPE
        could      MD   AUX   aux       2  could O
        sue        VB   VERB  ROOT      2  sue O
        Marrenland NNP  PROPN dobj      2  Marrenland B-ORG
        over       IN   ADP   prep      2  over O
        the        DT   DET   det       6  the O
        tariffs    NNS  NOUN  pobj      4  tariff O
        .          .    PUNCT punct     2  . O
        """
    )
    got = _extract(doc)
    assert _rows(got) == {("Osteria", "SUES", "Marrenland", False, "verb")}
    assert {(t.modality, t.attribution) for t in got} == {("hypothetical", "")}


def test_reported_would_is_planned_and_attributed():
    # Elena Varga said the Coastal Union would support Osteria at the trade talks.
    doc = doc_from_table(
        """
        Elena   NNP  PROPN compound  1  Elena B-ORG
        Varga   NNP  PROPN nsubj     2  Varga I-ORG
        said    VBD  VERB  ROOT      2  say O
        the     DT   DET   det       5  the B-ORG
        Coastal NNP  PROPN compound  5  Coastal I-ORG
        Union   NNP  PROPN nsubj     7  Union I-ORG
        would   MD   AUX   aux       7  would O
        support VB   VERB  ccomp     2  support O
        Osteria NNP  PROPN dobj      7  Osteria B-GPE
        at      IN   ADP   prep      7  at O
        the     DT   DET   det       12 the O
        trade   NN   NOUN  compound  12 trade O
        talks   NNS  NOUN  pobj      9  talk O
        .       .    PUNCT punct     2  . O
        """
    )
    got = _extract(doc)
    assert _rows(got) == {("Coastal Union", "SUPPORTS", "Osteria", False, "verb")}
    assert {(t.modality, t.attribution) for t in got} == {("planned", "Elena Varga")}


def test_possessive_event_noun():
    # Cisco's lawsuit against Apple was filed in California.
    doc = doc_from_table(
        """
        Cisco      NNP  PROPN poss      2  Cisco B-GPE
        's         POS  PART  case      0  's O
        lawsuit    NN   NOUN  nsubjpass 6  lawsuit O
        against    IN   ADP   prep      2  against O
        Apple      NNP  PROPN pobj      3  Apple B-ORG
        was        VBD  AUX   auxpass   6  be O
        filed      VBN  VERB  ROOT      6  file O
        in         IN   ADP   prep      6  in O
        California NNP  PROPN pobj      7  California B-GPE
        .          .    PUNCT punct     6  . O
        """
    )
    assert _rows(_extract(doc)) == {("Cisco", "SUES", "Apple", False, "noun")}


def test_noun_between():
    # The dispute between Marrenland and Osteria has grown.
    doc = doc_from_table(
        """
        The        DT   DET   det       1  the O
        dispute    NN   NOUN  nsubj     7  dispute O
        between    IN   ADP   prep      1  between O
        Marrenland NNP  PROPN pobj      2  Marrenland B-GPE
        and        CC   CCONJ cc        3  and O
        Osteria    NNP  PROPN conj      3  Osteria B-GPE
        has        VBZ  AUX   aux       7  have O
        grown      VBN  VERB  ROOT      7  grow O
        .          .    PUNCT punct     7  . O
        """
    )
    assert _rows(_extract(doc)) == {
        ("Marrenland", "DISPUTES_WITH", "Osteria", False, "noun-between"),
        ("Osteria", "DISPUTES_WITH", "Marrenland", False, "noun-between"),
    }


def test_receiving_verb_makes_the_giver_act():
    # Georgian demonstrators received weapons from the Georgian government.
    doc = doc_from_table(
        """
        Georgian      JJ   ADJ   amod      1  georgian B-NORP
        demonstrators NNS  NOUN  nsubj     2  demonstrator O
        received      VBD  VERB  ROOT      2  receive O
        weapons       NNS  NOUN  dobj      2  weapon O
        from          IN   ADP   prep      2  from O
        the           DT   DET   det       7  the O
        Georgian      JJ   ADJ   amod      7  georgian B-NORP
        government    NN   NOUN  pobj      4  government O
        .             .    PUNCT punct     2  . O
        """
    )
    assert _rows(_extract(doc)) == {("Georgia", "AIDS", "Georgian demonstrators", False, "noun")}


def test_reversing_verb_ends_the_conflict():
    # Obama agreed to lift the sanctions on Iran.
    doc = doc_from_table(
        """
        Obama     NNP  PROPN nsubj     1  Obama B-PERSON
        agreed    VBD  VERB  ROOT      1  agree O
        to        TO   PART  aux       3  to O
        lift      VB   VERB  xcomp     1  lift O
        the       DT   DET   det       5  the O
        sanctions NNS  NOUN  dobj      3  sanction O
        on        IN   ADP   prep      5  on O
        Iran      NNP  PROPN pobj      6  Iran B-GPE
        .         .    PUNCT punct     1  . O
        """
    )
    assert _rows(_extract(doc)) == {("Obama", "SETTLES_WITH", "Iran", False, "noun")}


def test_copula_adjective_with_owned_target():
    # Germany is opposed to the plan of France.
    doc = doc_from_table(
        """
        Germany NNP  PROPN nsubj     1  Germany B-GPE
        is      VBZ  AUX   ROOT      1  be O
        opposed VBN  VERB  acomp     1  oppose O
        to      IN   ADP   prep      2  to O
        the     DT   DET   det       5  the O
        plan    NN   NOUN  pobj      3  plan O
        of      IN   ADP   prep      5  of O
        France  NNP  PROPN pobj      6  France B-GPE
        .       .    PUNCT punct     1  . O
        """
    )
    assert _rows(_extract(doc)) == {("Germany", "OPPOSES", "France", False, "copula")}


def test_copula_participle_and_reciprocal():
    # Meta and Spotify are united against Apple.
    doc = doc_from_table(
        """
        Meta    NNP  PROPN nsubj     3  Meta B-ORG
        and     CC   CCONJ cc        0  and O
        Spotify NNP  PROPN conj      0  Spotify B-GPE
        are     VBP  AUX   ROOT      3  be O
        united  VBN  VERB  acomp     3  unite O
        against IN   ADP   prep      4  against O
        Apple   NNP  PROPN pobj      5  Apple B-ORG
        .       .    PUNCT punct     3  . O
        """
    )
    assert _rows(_extract(doc)) == {
        ("Spotify", "OPPOSES", "Apple", False, "copula"),
        ("Meta", "OPPOSES", "Apple", False, "copula"),
        ("Meta", "ALLIES_WITH", "Spotify", False, "verb"),
    }


def test_reported_must_is_a_demand():
    # The European Court of Justice says Google must remove the posts.
    doc = doc_from_table(
        """
        The      DT   DET   det       2  the B-ORG
        European NNP  PROPN compound  2  European I-ORG
        Court    NNP  PROPN nsubj     5  Court I-ORG
        of       IN   ADP   prep      2  of I-ORG
        Justice  NNP  PROPN pobj      3  Justice I-ORG
        says     VBZ  VERB  ROOT      5  say O
        Google   NNP  PROPN nsubj     8  Google B-ORG
        must     MD   AUX   aux       8  must O
        remove   VB   VERB  ccomp     5  remove O
        the      DT   DET   det       10 the O
        posts    NNS  NOUN  dobj      8  post O
        .        .    PUNCT punct     5  . O
        """
    )
    assert _rows(_extract(doc)) == {("European Court of Justice", "DEMANDS", "Google", False, "speech-demand")}


def test_claims_that_is_an_allegation():
    # Harbor Records claims that Kestrel Computer violated the old agreement.
    doc = doc_from_table(
        """
        Harbor    NNP  PROPN compound  1  Harbor B-ORG
        Records   NNP  PROPN nsubj     2  Records I-ORG
        claims    VBZ  VERB  ROOT      2  claim O
        that      IN   SCONJ mark      6  that O
        Kestrel   NNP  PROPN compound  5  Kestrel B-ORG
        Computer  NNP  PROPN nsubj     6  Computer I-ORG
        violated  VBD  VERB  ccomp     2  violate O
        the       DT   DET   det       9  the O
        old       JJ   ADJ   amod      9  old O
        agreement NN   NOUN  dobj      6  agreement O
        .         .    PUNCT punct     2  . O
        """
    )
    assert _rows(_extract(doc)) == {("Harbor Records", "ACCUSES", "Kestrel Computer", False, "speech-allegation")}


def test_label_on_an_owned_object():
    # Microsoft called Google's offer a farce.
    doc = doc_from_table(
        """
        Microsoft NNP  PROPN nsubj     1  Microsoft B-ORG
        called    VBD  VERB  ROOT      1  call O
        Google    NNP  PROPN poss      4  Google B-ORG
        's        POS  PART  case      2  's O
        offer     NN   NOUN  ccomp     1  offer O
        a         DT   DET   det       6  a O
        farce     NN   NOUN  dobj      4  farce O
        .         .    PUNCT punct     1  . O
        """
    )
    assert _rows(_extract(doc)) == {("Microsoft", "ACCUSES", "Google", False, "label")}


def test_label_with_as_on_coordinated_objects():
    # President Erdogan named the PKK and the YPG as terrorists.
    doc = doc_from_table(
        """
        President  NNP  PROPN compound  1  President O
        Erdogan    NNP  PROPN nsubj     2  Erdogan B-PERSON
        named      VBD  VERB  ROOT      2  name O
        the        DT   DET   det       4  the O
        PKK        NNP  PROPN dobj      2  PKK B-ORG
        and        CC   CCONJ cc        4  and O
        the        DT   DET   det       7  the O
        YPG        NNP  PROPN conj      4  YPG B-ORG
        as         IN   ADP   prep      2  as O
        terrorists NNS  NOUN  pobj      8  terrorist O
        .          .    PUNCT punct     2  . O
        """
    )
    assert _rows(_extract(doc)) == {
        ("Erdogan", "ACCUSES", "PKK", False, "label"),
        ("Erdogan", "ACCUSES", "YPG", False, "label"),
    }


def test_banned_in_a_country():
    # The PKK is a banned militant organization in Turkey.
    doc = doc_from_table(
        """
        The          DT   DET   det       1  the O
        PKK          NNP  PROPN nsubj     2  PKK B-ORG
        is           VBZ  AUX   ROOT      2  be O
        a            DT   DET   det       6  a O
        banned       VBN  VERB  amod      6  ban O
        militant     JJ   ADJ   amod      6  militant O
        organization NN   NOUN  attr      2  organization O
        in           IN   ADP   prep      6  in O
        Turkey       NNP  PROPN pobj      7  Turkey B-GPE
        .            .    PUNCT punct     2  . O
        """
    )
    assert _rows(_extract(doc)) == {("Turkey", "BANS", "PKK", False, "state-action")}


def test_outlawed_in_a_country():
    # The Muslim Brotherhood was outlawed in Egypt.
    doc = doc_from_table(
        """
        The         DT   DET   det       2  the B-ORG
        Muslim      NNP  PROPN compound  2  Muslim I-ORG
        Brotherhood NNP  PROPN nsubjpass 4  Brotherhood I-ORG
        was         VBD  AUX   auxpass   4  be O
        outlawed    VBN  VERB  ROOT      4  outlaw O
        in          IN   ADP   prep      4  in O
        Egypt       NNP  PROPN pobj      5  Egypt B-GPE
        .           .    PUNCT punct     4  . O
        """
    )
    assert _rows(_extract(doc)) == {("Egypt", "BANS", "Muslim Brotherhood", False, "state-action")}


def test_versus_in_a_legal_sentence_sues():
    # The court ruled on the case Eva Glawischnig vs. Facebook Ireland on Thursday.
    doc = doc_from_table(
        """
        The         DT   DET   det       1  the O
        court       NN   NOUN  nsubj     2  court O
        ruled       VBD  VERB  ROOT      2  rule O
        on          IN   ADP   prep      2  on O
        the         DT   DET   det       5  the O
        case        NN   NOUN  pobj      3  case O
        Eva         NNP  PROPN compound  7  Eva B-PERSON
        Glawischnig NNP  PROPN appos     5  Glawischnig I-PERSON
        vs.         IN   ADP   prep      7  vs. O
        Facebook    NNP  PROPN compound  10 Facebook B-GPE
        Ireland     NNP  PROPN pobj      8  Ireland I-GPE
        on          IN   ADP   prep      7  on O
        Thursday    NNP  PROPN pobj      11 Thursday B-DATE
        .           .    PUNCT punct     2  . O
        """
    )
    assert _rows(_extract(doc)) == {("Eva Glawischnig", "SUES", "Facebook Ireland", False, "versus")}


def test_versus_elsewhere_competes():
    # Brazil vs. Germany drew a crowd.
    doc = doc_from_table(
        """
        Brazil  NNP  PROPN nsubj     3  Brazil B-GPE
        vs.     IN   ADP   prep      0  vs. O
        Germany NNP  PROPN pobj      1  Germany B-GPE
        drew    VBD  VERB  ROOT      3  draw O
        a       DT   DET   det       5  a O
        crowd   NN   NOUN  dobj      3  crowd O
        .       .    PUNCT punct     3  . O
        """
    )
    assert _rows(_extract(doc)) == {("Brazil", "COMPETES_WITH", "Germany", False, "versus")}


def test_it_refers_to_the_last_subject():
    # The European Commission opened a case in May. It fined Google in July.
    doc = doc_from_table(
        """
        The        DT   DET   det       2  the B-ORG
        European   NNP  PROPN compound  2  European I-ORG
        Commission NNP  PROPN nsubj     3  Commission I-ORG
        opened     VBD  VERB  ROOT      3  open O
        a          DT   DET   det       5  a O
        case       NN   NOUN  dobj      3  case O
        in         IN   ADP   prep      3  in O
        May        NNP  PROPN pobj      6  May B-DATE
        .          .    PUNCT punct     3  . O
        It         PRP  PRON  nsubj     10 it O
        fined      VBD  VERB  ROOT      10 fin O
        Google     NNP  PROPN dobj      10 Google B-ORG
        in         IN   ADP   prep      10 in O
        July       NNP  PROPN pobj      12 July B-DATE
        .          .    PUNCT punct     10 . O
        """
    )
    assert _rows(_extract(doc)) == {("European Commission", "FINES", "Google", False, "verb")}


def test_the_two_refers_to_the_last_pair():
    # Meta and Spotify have worked together for years. Last week the two criticized Apple.
    doc = doc_from_table(
        """
        Meta       NNP  PROPN nsubj     4  Meta B-ORG
        and        CC   CCONJ cc        0  and O
        Spotify    NNP  PROPN conj      0  Spotify B-ORG
        have       VBP  AUX   aux       4  have O
        worked     VBN  VERB  ROOT      4  work O
        together   RB   ADV   advmod    4  together O
        for        IN   ADP   prep      4  for O
        years      NNS  NOUN  pobj      6  year B-DATE
        .          .    PUNCT punct     4  . O
        Last       JJ   ADJ   amod      10 last B-DATE
        week       NN   NOUN  npadvmod  13 week I-DATE
        the        DT   DET   det       12 the O
        two        CD   NUM   nsubj     13 two B-CARDINAL
        criticized VBN  VERB  ROOT      13 criticize O
        Apple      NNP  PROPN dobj      13 Apple B-ORG
        .          .    PUNCT punct     13 . O
        """
    )
    assert _rows(_extract(doc)) == {
        ("Meta", "COLLABORATES_WITH", "Spotify", False, "verb"),
        ("Spotify", "CRITICIZES", "Apple", False, "verb"),
        ("Meta", "CRITICIZES", "Apple", False, "verb"),
    }


def test_a_call_to_halt_is_a_demand():
    # Egypt called on Ethiopia to halt the dam.
    doc = doc_from_table(
        """
        Egypt    NNP  PROPN nsubj     1  Egypt B-GPE
        called   VBD  VERB  ROOT      1  call O
        on       IN   ADP   prep      1  on O
        Ethiopia NNP  PROPN pobj      2  Ethiopia B-GPE
        to       TO   PART  aux       5  to O
        halt     VB   VERB  xcomp     1  halt O
        the      DT   DET   det       7  the O
        dam      NN   NOUN  dobj      5  dam O
        .        .    PUNCT punct     1  . O
        """
    )
    assert _rows(_extract(doc)) == {("Egypt", "DEMANDS", "Ethiopia", False, "demand")}


def test_a_call_to_help_is_no_demand():
    # Egypt called on Ethiopia to help the farmers.
    doc = doc_from_table(
        """
        Egypt    NNP  PROPN nsubj     1  Egypt B-GPE
        called   VBD  VERB  ROOT      1  call O
        on       IN   ADP   prep      1  on O
        Ethiopia NNP  PROPN pobj      2  Ethiopia B-GPE
        to       TO   PART  aux       5  to O
        help     VB   VERB  xcomp     1  help O
        the      DT   DET   det       7  the O
        farmers  NNS  NOUN  dobj      5  farmer O
        .        .    PUNCT punct     1  . O
        """
    )
    triples = _extract(doc)
    # no demand of Ethiopia; what it is asked to do is Ethiopia's, and only wanted
    assert _rows(triples) == {("Ethiopia", "AIDS", "farmers", False, "verb")}
    assert [t.modality for t in triples] == ["hypothetical"]


def test_a_demand_that_a_party_withdraw():
    # Vietnam demanded that China withdraw its ship.
    doc = doc_from_table(
        """
        Vietnam  NNP  PROPN nsubj     1  Vietnam B-GPE
        demanded VBD  VERB  ROOT      1  demand O
        that     IN   SCONJ mark      4  that O
        China    NNP  PROPN nsubj     4  China B-GPE
        withdraw VB   VERB  ccomp     1  withdraw O
        its      PRP$ PRON  poss      6  its O
        ship     NN   NOUN  dobj      4  ship O
        .        .    PUNCT punct     1  . O
        """
    )
    assert _rows(_extract(doc)) == {("Vietnam", "DEMANDS", "China", False, "demand-that")}


def test_a_threat_is_asserted_and_its_act_planned():
    # Peru threatened to sue Ecuador.
    doc = doc_from_table(
        """
        Peru       NNP  PROPN nsubj     1  Peru B-GPE
        threatened VBD  VERB  ROOT      1  threaten O
        to         TO   PART  aux       3  to O
        sue        VB   VERB  xcomp     1  sue O
        Ecuador    NNP  PROPN dobj      3  Ecuador B-GPE
        .          .    PUNCT punct     1  . O
        """
    )
    triples = _extract(doc)
    assert _rows(triples) == {
        ("Peru", "THREATENS", "Ecuador", False, "threat"),
        ("Peru", "SUES", "Ecuador", False, "verb"),
    }
    assert {t.relation: t.modality for t in triples} == {"THREATENS": "asserted", "SUES": "planned"}


def test_cutting_ties_reduces_relations():
    # Ghana cut ties with Togo.
    doc = doc_from_table(
        """
        Ghana NNP  PROPN nsubj     1  Ghana B-GPE
        cut   VBD  VERB  ROOT      1  cut O
        ties  NNS  NOUN  dobj      1  tie O
        with  IN   ADP   prep      2  with O
        Togo  NNP  PROPN pobj      3  Togo B-GPE
        .     .    PUNCT punct     1  . O
        """
    )
    assert _rows(_extract(doc)) == {("Ghana", "REDUCES_RELATIONS", "Togo", False, "noun")}


def test_failing_to_reach_an_agreement_denies_it():
    # Bolivia failed to reach an agreement with Paraguay.
    doc = doc_from_table(
        """
        Bolivia   NNP  PROPN nsubj     1  Bolivia B-GPE
        failed    VBD  VERB  ROOT      1  fail O
        to        TO   PART  aux       3  to O
        reach     VB   VERB  xcomp     1  reach O
        an        DT   DET   det       5  an O
        agreement NN   NOUN  dobj      3  agreement O
        with      IN   ADP   prep      5  with O
        Paraguay  NNP  PROPN pobj      6  Paraguay B-GPE
        .         .    PUNCT punct     1  . O
        """
    )
    assert _rows(_extract(doc)) == {("Bolivia", "SIGNS_DEAL_WITH", "Paraguay", True, "noun")}


def test_what_another_is_wanted_to_do_is_hypothetical():
    # The envoy wants Sudan to invade Chad.
    doc = doc_from_table(
        """
        The    DT   DET   det       1  the O
        envoy  NN   NOUN  nsubj     2  envoy O
        wants  VBZ  VERB  ROOT      2  want O
        Sudan  NNP  PROPN nsubj     5  Sudan B-GPE
        to     TO   PART  aux       5  to O
        invade VB   VERB  ccomp     2  invade O
        Chad   NNP  PROPN dobj      5  Chad B-GPE
        .      .    PUNCT punct     2  . O
        """
    )
    assert [(t.subject.text, t.relation, t.object.text, t.modality) for t in _extract(doc)] == [
        ("Sudan", "INVADES", "Chad", "hypothetical")
    ]


def test_a_list_ends_at_the_member_and_brings_in():
    # the rift between Chile and Peru, Juan Rojas replied. (the parser made Rojas a third member)
    doc = doc_from_table(
        """
        the     DT   DET   det       1  the O
        rift    NN   NOUN  nsubj     9  rift O
        between IN   ADP   prep      1  between O
        Chile   NNP  PROPN pobj      2  Chile B-GPE
        and     CC   CCONJ cc        3  and O
        Peru    NNP  PROPN conj      3  Peru B-GPE
        ,       ,    PUNCT punct     3  , O
        Juan    NNP  PROPN compound  8  Juan B-PERSON
        Rojas   NNP  PROPN conj      3  Rojas I-PERSON
        replied VBD  VERB  ROOT      9  reply O
        .       .    PUNCT punct     9  . O
        """
    )
    assert _rows(_extract(doc)) == {
        ("Chile", "DISPUTES_WITH", "Peru", False, "noun-between"),
        ("Peru", "DISPUTES_WITH", "Chile", False, "noun-between"),
    }


def test_a_noun_of_intending_passes_its_subject_and_makes_a_plan():
    # Peru announced a plan to sue Ecuador.
    doc = doc_from_table(
        """
        Peru      NNP  PROPN nsubj 1  Peru      B-GPE
        announced VBD  VERB  ROOT  1  announce  O
        a         DT   DET   det   3  a         O
        plan      NN   NOUN  dobj  1  plan      O
        to        TO   PART  aux   5  to        O
        sue       VB   VERB  acl   3  sue       O
        Ecuador   NNP  PROPN dobj  5  Ecuador   B-GPE
        .         .    PUNCT punct 1  .         O
        """
    )
    triples = _extract(doc)
    assert _rows(triples) == {("Peru", "SUES", "Ecuador", False, "verb")}
    assert [t.modality for t in triples] == ["planned"]


def test_a_decision_welcomed_is_not_the_welcomers():
    # Peru welcomed the decision to sue Ecuador.
    doc = doc_from_table(
        """
        Peru      NNP  PROPN nsubj 1  Peru      B-GPE
        welcomed  VBD  VERB  ROOT  1  welcome   O
        the       DT   DET   det   3  the       O
        decision  NN   NOUN  dobj  1  decision  O
        to        TO   PART  aux   5  to        O
        sue       VB   VERB  acl   3  sue       O
        Ecuador   NNP  PROPN dobj  5  Ecuador   B-GPE
        .         .    PUNCT punct 1  .         O
        """
    )
    assert _rows(_extract(doc)) == set()
