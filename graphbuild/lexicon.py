"""The predicate lexicon: which words state which relation, and where their target stands.

Entries are data. A verb entry is written ``"lemma [particle] [preposition]"``:

- ``"criticize"``: the target is the direct object ("Meta criticized Apple").
- ``"complain about"``: the target is the object of *about*.
- ``"team up with"``: particle *up*, target after *with*.

Event nouns ("lawsuit", "probe", "deal") state a relation through a light verb or a
possessive ("Cisco filed a lawsuit against Apple", "Cisco's lawsuit against Apple"); their
target stands after one of the prepositions listed with them. Adjectives and participles
after a copula ("are united against", "is opposed to") work like prepositional verbs.

``RECIPROCAL`` words relate the members of a coordinated subject to each other when no
target is given ("Meta and Spotify are collaborating", "the two sides clashed").
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# -- verbs ------------------------------------------------------------------------------------
_VERBS: dict[str, tuple[str, ...]] = {
    "CRITICIZES": (
        "criticize",
        "criticise",
        "condemn",
        "denounce",
        "decry",
        "slam",
        "blast",
        "attack on",
        "complain about",
        "complain of",
        "protest against",
        "rebuke",
        "lambast",
        "censure",
        "deplore",
        "disparage",
        "ridicule",
        "mock",
        "castigate",
        "chastise",
        "scold",
        "berate",
        "rail against",
        "lash out at",
        "hit out at",
        "take aim at",
        "push back against",
        "push back on",
        "object to",
        "disapprove of",
        "call out",
    ),
    "ACCUSES": (
        "accuse",
        "blame",
        "allege",
        "charge",
        "indict",
        "implicate",
        "brand",
        "label",
        "denounce as",
        "name as",
        "designate as",
        "point finger at",
        "convict",
    ),
    "SUES": (
        "sue",
        "countersue",
        "prosecute",
        "take to court",
        "haul into court",
        "litigate against",
        "file suit against",
        "petition against",
    ),
    "INVESTIGATES": ("investigate", "probe", "examine", "scrutinize", "audit", "raid", "inspect"),
    "OPPOSES": (
        "oppose",
        "reject",
        "resist",
        "defy",
        "dismiss",
        "rebuff",
        "snub",
        "spurn",
        "repudiate",
        "unite against",
        "stand against",
        "side against",
        "rally against",
        "turn against",
        "campaign against",
        "lobby against",
        "vote against",
        "fight against",
        "argue against",
        "challenge",
        "contest",
        "dispute",
        "oppose to",
    ),
    "BLOCKS": ("block", "veto", "obstruct", "thwart", "halt", "stop", "prevent", "hinder", "impede"),
    "COMPETES_WITH": ("compete with", "compete against", "rival", "vie with", "challenge for"),
    "DEFEATS": ("defeat", "beat", "outbid", "outsell", "outperform", "trounce"),
    "DISPUTES_WITH": (
        "clash with",
        "feud with",
        "quarrel with",
        "spar with",
        "wrangle with",
        "row with",
        "fall out with",
        "disagree with",
        "break with",
        "split with",
    ),
    "DEMANDS": ("demand", "pressure", "press", "pressure into", "urge"),
    "THREATENS": ("threaten", "warn", "menace", "intimidate", "ultimatum"),
    "PROTESTS": ("protest", "boycott", "picket", "march against", "demonstrate against", "strike against"),
    "COERCES": ("compel", "force", "order", "oblige", "require", "coerce", "direct", "instruct", "command", "mandate"),
    "FINES": ("fine", "penalize", "penalise", "punish"),
    "BANS": ("ban", "bar", "prohibit", "forbid", "outlaw", "exclude", "blacklist", "suspend", "restrict"),
    "SANCTIONS": ("sanction", "embargo", "blockade", "impose sanctions on"),
    "EXPELS": ("expel", "oust", "deport", "kick out", "throw out", "evict", "remove"),
    "ARRESTS": ("arrest", "detain", "jail", "imprison", "capture", "seize", "abduct", "kidnap"),
    "ATTACKS": (
        "attack",
        "strike",
        "bomb",
        "shell",
        "kill",
        "assault",
        "raid",
        "ambush",
        "shoot",
        "target",
        "hit",
        "fire on",
        "fire at",
        "launch attack on",
        "storm",
        "assassinate",
    ),
    "INVADES": ("invade", "occupy", "annex", "push into", "march into"),
    "FIGHTS": ("fight", "battle", "war with", "wage war on", "wage war against", "go to war with", "combat"),
    "SUPPORTS": (
        "support",
        "back",
        "endorse",
        "praise",
        "commend",
        "applaud",
        "welcome",
        "champion",
        "defend",
        "stand by",
        "stand with",
        "side with",
        "vouch for",
        "hail",
        "laud",
        "salute",
        "congratulate",
        "thank",
        "favor",
        "favour",
        "recommend",
        "embrace",
        "rally behind",
        "rally around",
        "root for",
        "sponsor",
        "fund",
        "finance",
        "bankroll",
    ),
    "AGREES_WITH": ("agree with", "concur with", "align with", "reconcile with", "make peace with", "agree"),
    "COLLABORATES_WITH": (
        "collaborate with",
        "cooperate with",
        "co-operate with",
        "partner with",
        "team up with",
        "join forces with",
        "work with",
        "work together with",
        "join",
        "coordinate with",
        "collaborate",
        "cooperate",
        "partner",
        "team up",
        "work together",
        "join forces",
        "join hands",
        "co-develop",
        "license to",
        "license",
        "share with",
    ),
    "ALLIES_WITH": (
        "ally with",
        "unite with",
        "band together with",
        "ally",
        "unite",
        "band together",
        "stand together",
    ),
    "SIGNS_DEAL_WITH": ("sign with", "strike deal with", "seal deal with", "contract with", "sign"),
    "SETTLES_WITH": ("settle with", "settle", "resolve dispute with", "make up with", "reach settlement with"),
    "MERGES_WITH": ("merge with", "merge", "combine with", "fuse with", "amalgamate with"),
    "ACQUIRES": (
        "acquire",
        "buy",
        "purchase",
        "take over",
        "buy out",
        "absorb",
        "snap up",
        "buy into",
        "take control of",
    ),
    "INVESTS_IN": ("invest in", "fund", "bankroll", "inject into", "put money into", "take stake in", "buy stake in"),
    "CONTRACTS_WITH": (
        "hire",
        "employ",
        "contract",
        "award to",
        "supply",
        "choose",
        "select",
        "pick",
        "retain",
        "commission",
        "award contract to",
    ),
    "AIDS": (
        "aid",
        "help",
        "assist",
        "rescue",
        "bail out",
        "arm",
        "provide aid to",
        "give aid to",
        "send aid to",
        "lend to",
        "donate to",
    ),
    "MEETS": (
        "meet",
        "meet with",
        "visit",
        "host",
        "receive",
        "talk with",
        "talk to",
        "speak with",
        "call",
        "phone",
        "consult",
        "consult with",
        "hold talks with",
    ),
    "COMMENTS_ON": ("comment on", "respond to", "reply to", "react to", "answer"),
    "NEGOTIATES_WITH": ("negotiate with", "negotiate", "bargain with", "mediate", "mediate between", "broker"),
}

# Verbs whose object names the relation between its subject and the object of *with*:
# "X signed a deal with Y" is read through the noun, these only pass the subject on.
LIGHT_VERBS = frozenset(
    "file bring launch open start announce sign reach strike form enter make impose levy "
    "have hold conduct wage mount seal forge conclude pursue begin initiate lodge issue "
    "finalize finalise complete agree win secure ink unveil establish take announce "
    "lead spearhead join build create set extend renew expand deepen "
    "express voice offer give provide send pledge lend receive get award "
    "buy purchase acquire own raise increase boost double "
    "order present ratify endorse approve engage resume step escalate intensify".split()
)
# Verbs whose subject receives what the noun names, from the one who acts:
# "received weapons from X", "faces pressure from X", "came under attack from X".
RECEIVING_VERBS = frozenset("receive get accept face draw suffer endure come".split())
# Verbs that end what a conflict noun names: "lifted the sanctions on Iran".
REVERSING_VERBS = frozenset("lift ease end drop withdraw suspend scrap cancel relax waive dismiss".split())

# Verbs that give their object a name: with a damning one, they accuse.
LABEL_VERBS = frozenset("call term label brand name describe dub denounce declare designate list refer".split())
NEGATIVE_LABELS = frozenset(
    "terrorist terrorists terror farce extortion traitor traitors oaf criminal criminals liar liars thief "
    "thieves dictator tyrant aggressor occupier occupiers invader invaders enemy enemies threat menace "
    "fascist fascists racist racists murderer murderers butcher puppet bully monopoly monopolist "
    "gatekeeper illegal unlawful corrupt fraud fraudulent scam disgrace shameful unacceptable "
    "dangerous hostile rogue outlaw pariah sham hoax lie lies genocide war crime crimes".split()
)

# -- event nouns -------------------------------------------------------------------------------
# noun lemma -> (relation, prepositions after which the target stands)
_NOUNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "lawsuit": ("SUES", ("against",)),
    "suit": ("SUES", ("against",)),
    "case": ("SUES", ("against",)),
    "litigation": ("SUES", ("against",)),
    "legal action": ("SUES", ("against",)),
    "complaint": ("ACCUSES", ("against", "about")),
    "accusation": ("ACCUSES", ("against",)),
    "allegation": ("ACCUSES", ("against",)),
    "charge": ("ACCUSES", ("against",)),
    "criticism": ("CRITICIZES", ("of", "against")),
    "condemnation": ("CRITICIZES", ("of",)),
    "attack": ("ATTACKS", ("on", "against")),
    "strike": ("ATTACKS", ("on", "against")),
    "airstrike": ("ATTACKS", ("on", "against")),
    "assault": ("ATTACKS", ("on", "against")),
    "offensive": ("ATTACKS", ("against", "on", "into")),
    "invasion": ("INVADES", ("of", "into")),
    "incursion": ("INVADES", ("into",)),
    "war": ("FIGHTS", ("against", "on", "with")),
    "probe": ("INVESTIGATES", ("into", "of", "against")),
    "investigation": ("INVESTIGATES", ("into", "of", "against")),
    "evidence": ("ACCUSES", ("against",)),
    "warrant": ("ARRESTS", ("for", "against")),
    "pressure": ("DEMANDS", ("on",)),
    "firefight": ("FIGHTS", ("with", "between")),
    "fighting": ("FIGHTS", ("with", "against", "between")),
    "shelling": ("ATTACKS", ("of", "on")),
    "bombardment": ("ATTACKS", ("of", "on")),
    "bombing": ("ATTACKS", ("of", "on")),
    "missile": ("ATTACKS", ("at", "on", "against")),
    "rocket": ("ATTACKS", ("at", "on", "against")),
    "weapon": ("AIDS", ("to", "for")),
    "arm": ("AIDS", ("to", "for")),
    "assurance": ("SUPPORTS", ("to",)),
    "tariff": ("SANCTIONS", ("on", "against")),
    "inquiry": ("INVESTIGATES", ("into",)),
    "fine": ("FINES", ("on", "against")),
    "penalty": ("FINES", ("on", "against")),
    "sanction": ("SANCTIONS", ("on", "against")),
    "embargo": ("SANCTIONS", ("on", "against")),
    "ban": ("BANS", ("on", "against")),
    "boycott": ("PROTESTS", ("of", "against")),
    "protest": ("PROTESTS", ("against",)),
    "threat": ("THREATENS", ("against", "to")),
    "ultimatum": ("THREATENS", ("to",)),
    "opposition": ("OPPOSES", ("to",)),
    "challenge": ("OPPOSES", ("to",)),
    "dispute": ("DISPUTES_WITH", ("with", "between")),
    "feud": ("DISPUTES_WITH", ("with", "between")),
    "rivalry": ("COMPETES_WITH", ("with", "between")),
    "conflict": ("DISPUTES_WITH", ("with", "between")),
    "battle": ("DISPUTES_WITH", ("with", "against", "between")),
    "fight": ("DISPUTES_WITH", ("with", "against", "between")),
    "clash": ("DISPUTES_WITH", ("with", "between")),
    "row": ("DISPUTES_WITH", ("with", "between")),
    "competition": ("COMPETES_WITH", ("with", "between")),
    "support": ("SUPPORTS", ("for", "of")),
    "backing": ("SUPPORTS", ("for", "of")),
    "endorsement": ("SUPPORTS", ("of",)),
    "praise": ("SUPPORTS", ("for",)),
    "aid": ("AIDS", ("to", "for")),
    "assistance": ("AIDS", ("to", "for")),
    "help": ("AIDS", ("to", "for")),
    "bailout": ("AIDS", ("of", "for")),
    "deal": ("SIGNS_DEAL_WITH", ("with", "between")),
    "agreement": ("SIGNS_DEAL_WITH", ("with", "between")),
    "accord": ("SIGNS_DEAL_WITH", ("with", "between")),
    "pact": ("SIGNS_DEAL_WITH", ("with", "between")),
    "treaty": ("SIGNS_DEAL_WITH", ("with", "between")),
    "contract": ("CONTRACTS_WITH", ("with", "to")),
    "settlement": ("SETTLES_WITH", ("with", "between")),
    "truce": ("SETTLES_WITH", ("with", "between")),
    "ceasefire": ("SETTLES_WITH", ("with", "between")),
    "partnership": ("COLLABORATES_WITH", ("with", "between")),
    "collaboration": ("COLLABORATES_WITH", ("with", "between")),
    "cooperation": ("COLLABORATES_WITH", ("with", "between")),
    "joint venture": ("COLLABORATES_WITH", ("with", "between")),
    "venture": ("COLLABORATES_WITH", ("with", "between")),
    "alliance": ("ALLIES_WITH", ("with", "between")),
    "coalition": ("ALLIES_WITH", ("with", "between")),
    "merger": ("MERGES_WITH", ("with", "between")),
    "acquisition": ("ACQUIRES", ("of",)),
    "takeover": ("ACQUIRES", ("of",)),
    "purchase": ("ACQUIRES", ("of",)),
    "stake": ("INVESTS_IN", ("in",)),
    "investment": ("INVESTS_IN", ("in",)),
    "talks": ("NEGOTIATES_WITH", ("with", "between")),
    "talk": ("NEGOTIATES_WITH", ("with", "between")),
    "visit": ("MEETS", ("to",)),
    "negotiation": ("NEGOTIATES_WITH", ("with", "between")),
    "meeting": ("MEETS", ("with", "between")),
    "summit": ("MEETS", ("with", "between")),
}

# Adjectives (and participles after a copula) whose subject is the actor even though the
# verb form looks passive: "X is opposed to Y", "X and Y are united against Z".
_ADJECTIVES: dict[str, tuple[str, ...]] = {
    "OPPOSES": ("opposed to", "hostile to", "against", "united against", "at odds with", "opposite to"),
    "CRITICIZES": (
        "critical of",
        "angry with",
        "angry at",
        "furious with",
        "unhappy with",
        "dismissive of",
        "skeptical of",
        "sceptical of",
        "wary of",
    ),
    "SUPPORTS": (
        "supportive of",
        "in favor of",
        "in favour of",
        "loyal to",
        "friendly to",
        "sympathetic to",
        "grateful to",
    ),
    "ALLIES_WITH": ("allied with", "united with", "aligned with", "close to", "allied to"),
    "AGREES_WITH": ("in agreement with", "agreed with"),
    "COMPETES_WITH": ("in competition with", "competitive with"),
    "DISPUTES_WITH": ("in dispute with", "at war with", "in conflict with"),
    "COLLABORATES_WITH": ("partnered with", "in partnership with", "teamed up with"),
}

# Words that relate the members of a coordinated subject when no target is named.
RECIPROCAL = frozenset(
    "collaborate cooperate co-operate partner team ally unite merge agree settle reconcile "
    "negotiate meet talk clash feud quarrel spar fight compete wrangle work join "
    "dispute feud rivalry conflict battle row competition deal agreement accord pact treaty "
    "settlement truce ceasefire partnership collaboration cooperation alliance coalition "
    "merger talks negotiation meeting summit venture".split()
)

# Verbs that deny the clause they govern: "refused to sue", "denied attacking".
NEGATING_VERBS = frozenset(
    "refuse decline deny reject fail cease stop abandon drop withdraw halt quit avoid hesitate".split()
)
# Verbs that make the clause they govern an intention or prediction, not a fact.
PLANNING_VERBS = frozenset(
    "plan intend expect want hope aim seek try attempt consider propose prepare mull "
    "threaten vow pledge promise wish aspire look weigh contemplate".split()
)
# Verbs that ask another to act: what they govern is wanted, not done.
REQUEST_VERBS = frozenset("ask urge request beg invite encourage appeal press pressure call".split())
# Verbs of saying: their subject is the source of what the clause they govern asserts.
REPORTING_VERBS = frozenset(
    "say tell state claim report announce argue allege insist note add write assert "
    "maintain contend suggest warn confirm reveal explain believe think".split()
)
# Verbs that pass their own object on as the subject of the clause they govern:
# "led EU authorities to refer", "forced Apple to open".
OBJECT_CONTROL = frozenset(
    "lead force compel order ask urge allow permit persuade push require tell cause "
    "prompt encourage invite oblige help".split()
)
# Verbs whose subject carries out the clause they govern on its own behalf ("agreed to
# criticize"): the chain takes the subject along and names itself in the verb phrase.
CHAIN_VERBS = frozenset(
    "agree decide move vow pledge promise plan intend seek try attempt begin start continue "
    "threaten want hope aim prepare choose opt resolve rush hurry vote go come".split()
)

# "could sue", "might back": possibilities, not facts.
HYPOTHETICAL_AUX = frozenset("could might may can".split())
# "would", "will", "shall": a plan when someone states it, else a condition.
FUTURE_AUX = frozenset("would will shall 'll 'd".split())


def _phrases(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for rel, phrases in table.items():
        for phrase in phrases:
            out.setdefault(phrase, rel)
    return out


VERB_PHRASES: Mapping[str, str] = MappingProxyType(_phrases(_VERBS))
ADJECTIVE_PHRASES: Mapping[str, str] = MappingProxyType(_phrases(_ADJECTIVES))
EVENT_NOUNS: Mapping[str, tuple[str, tuple[str, ...]]] = MappingProxyType(dict(_NOUNS))

# Lemma -> the prepositions (with particles) that can introduce its target, for lookup.
VERB_PREPS: dict[str, set[str]] = {}
for _phrase in VERB_PHRASES:
    _head, _, _rest = _phrase.partition(" ")
    VERB_PREPS.setdefault(_head, set()).add(_rest)
