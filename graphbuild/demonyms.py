"""Nationality adjectives and the countries or bodies they stand for.

"Turkish forces", "an Austrian court", "Israeli troops": a nationality adjective on an
institution stands for its state as an actor. Plural group nouns ("Kurds", "Europeans") are
not in this table: they name groups, not states.
"""

from __future__ import annotations

# adjective -> the name the graph gives the state (the country's short English name)
_TABLE = """
Afghan:Afghanistan; Albanian:Albania; Algerian:Algeria; American:United States;
Angolan:Angola; Argentine:Argentina; Argentinian:Argentina; Armenian:Armenia;
Australian:Australia; Austrian:Austria; Azerbaijani:Azerbaijan; Bahraini:Bahrain;
Bangladeshi:Bangladesh; Belarusian:Belarus; Belgian:Belgium; Bolivian:Bolivia;
Bosnian:Bosnia and Herzegovina; Brazilian:Brazil; British:United Kingdom; Bulgarian:Bulgaria;
Burmese:Myanmar; Cambodian:Cambodia; Cameroonian:Cameroon; Canadian:Canada; Chadian:Chad;
Chilean:Chile; Chinese:China; Colombian:Colombia; Congolese:Congo; Croatian:Croatia;
Cuban:Cuba; Cypriot:Cyprus; Czech:Czech Republic; Danish:Denmark; Dutch:Netherlands;
Ecuadorian:Ecuador; Egyptian:Egypt; Emirati:United Arab Emirates; Eritrean:Eritrea;
Estonian:Estonia; Ethiopian:Ethiopia; Filipino:Philippines; Finnish:Finland; French:France;
Georgian:Georgia; German:Germany; Ghanaian:Ghana; Greek:Greece; Guatemalan:Guatemala;
Haitian:Haiti; Honduran:Honduras; Hungarian:Hungary; Icelandic:Iceland; Indian:India;
Indonesian:Indonesia; Iranian:Iran; Iraqi:Iraq; Irish:Ireland; Israeli:Israel; Italian:Italy;
Ivorian:Ivory Coast; Jamaican:Jamaica; Japanese:Japan; Jordanian:Jordan; Kazakh:Kazakhstan;
Kenyan:Kenya; Kosovar:Kosovo; Kuwaiti:Kuwait; Kyrgyz:Kyrgyzstan; Latvian:Latvia;
Lebanese:Lebanon; Liberian:Liberia; Libyan:Libya; Lithuanian:Lithuania;
Luxembourgish:Luxembourg; Malaysian:Malaysia; Malian:Mali; Maltese:Malta; Mexican:Mexico;
Moldovan:Moldova; Mongolian:Mongolia; Moroccan:Morocco; Mozambican:Mozambique;
Namibian:Namibia; Nepalese:Nepal; Nepali:Nepal; Nicaraguan:Nicaragua; Nigerian:Nigeria;
Nigerien:Niger; Norwegian:Norway; Omani:Oman; Pakistani:Pakistan; Palestinian:Palestine;
Panamanian:Panama; Paraguayan:Paraguay; Peruvian:Peru; Polish:Poland; Portuguese:Portugal;
Qatari:Qatar; Romanian:Romania; Russian:Russia; Rwandan:Rwanda; Saudi:Saudi Arabia;
Senegalese:Senegal; Serbian:Serbia; Singaporean:Singapore; Slovak:Slovakia;
Slovenian:Slovenia; Somali:Somalia; South African:South Africa; South Korean:South Korea;
North Korean:North Korea; South Sudanese:South Sudan; Spanish:Spain; Sri Lankan:Sri Lanka;
Sudanese:Sudan; Swedish:Sweden; Swiss:Switzerland; Syrian:Syria; Taiwanese:Taiwan;
Tajik:Tajikistan; Tanzanian:Tanzania; Thai:Thailand; Tunisian:Tunisia; Turkish:Turkey;
Turkmen:Turkmenistan; Ugandan:Uganda; Ukrainian:Ukraine; Uruguayan:Uruguay; Uzbek:Uzbekistan;
Venezuelan:Venezuela; Vietnamese:Vietnam; Yemeni:Yemen; Zambian:Zambia; Zimbabwean:Zimbabwe;
European:European Union; Soviet:Soviet Union
"""

DEMONYMS: dict[str, str] = {}
for _pair in _TABLE.replace("\n", " ").split(";"):
    if _pair.strip():
        _adjective, _, _country = _pair.partition(":")
        DEMONYMS[_adjective.strip()] = _country.strip()

# spelling the table cannot hold as one word pair
DEMONYMS.update({"U.S.": "United States", "US": "United States", "UK": "United Kingdom", "EU": "European Union"})


def country_of(adjective: str) -> str | None:
    """The state a nationality adjective stands for.

    >>> country_of("Turkish")
    'Turkey'
    """
    return DEMONYMS.get(adjective.strip())
