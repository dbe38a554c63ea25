"""The formulas resolutions open their paragraphs with, as the UN, WHO, IMO and INTERPOL print them. A body's
own formulas are added in configuration ([lint.vocabulary] and [lint.bodies.<id>])."""

from __future__ import annotations

import re
from functools import lru_cache

# Words that vary a formula without making it another one: "Recalling also", "FURTHER RESOLVES",
# "Deeply concerned", "Noting with grave concern".
_MODIFIERS = {
    "also",
    "further",
    "furthermore",
    "again",
    "once",
    "moreover",
    "deeply",
    "gravely",
    "strongly",
    "firmly",
    "fully",
    "warmly",
    "seriously",
    "most",
    "deep",
    "grave",
    "great",
    "serious",
    "sincere",
    "hereby",
    "accordingly",
    "solemnly",
    "urgently",
    "expressly",
    "finally",
    "particularly",
}

PREAMBLE = """
acknowledging; acting; affirming; alarmed; anxious; appreciating; aware; bearing in mind; believing; cognizant;
concerned; confident; conscious; considering; convinced; deeming; deploring; desiring; desirous; determined;
determining; disturbed; emphasizing; encouraged; endorsing; expressing; expressing concern;
expressing appreciation; guided; having adopted; having considered; having examined; having heard;
having received; having reviewed; having regard to; having noted; having studied; having discussed;
having decided; having been informed; keeping in mind; mindful; noting; noting with concern;
noting with appreciation; noting with satisfaction; noting with regret; observing; reaffirming; realizing;
recalling; recognizing; referring; regretting; reiterating; seeking; stressing; taking into account;
taking note; taking note with appreciation; underlining; underscoring; welcoming; whereas; wishing;
pursuant to; in accordance with; highlighting; committed; resolved; reaffirming its commitment; acknowledging
with appreciation; recognising; realising; emphasising; noting with interest; having due regard to; being
aware; being convinced; considering that; taking into consideration; convinced further; looking forward
"""

OPERATIVE = """
accepts; adopts; affirms; agrees; allocates; amends; appeals; appoints; approves; authorizes; authorises;
calls; calls upon; calls on; calls for; commends; condemns; confirms; congratulates; considers; decides;
declares; demands; deplores; designates; determines; directs; draws attention; elects; emphasizes; encourages;
endorses; establishes; expresses; expresses concern; expresses appreciation; extends; instructs; invites;
notes; notes with concern; notes with appreciation; notes with satisfaction; proclaims; reaffirms; recalls;
recognizes; recommends; regrets; reiterates; reminds; renews; requests; resolves; revokes; stresses; suggests;
supports; takes note; takes note with appreciation; transmits; trusts; underlines; underscores; urges;
welcomes; abolishes; acknowledges; adopts the following; asks; assigns; believes; commissions; concurs;
deems; emphasises; entrusts; exhorts; grants; highlights; insists; mandates; recognises; rejects; reminds;
sets; solemnly declares; strongly urges; thanks; wishes; approves the following; takes note of; requires
"""


@lru_cache(maxsize=4096)
def normalise(phrase: str) -> str:
    """The vocabulary form of a formula: "RECALLING ALSO" -> "recalling", "*Noting with deep concern*" ->
    "noting with concern", "TAKING NOTE OF" -> "taking note"."""
    words = [word for word in re.findall(r"[a-z]+", phrase.lower()) if word not in _MODIFIERS]
    while len(words) > 1 and words[-1] in ("of", "that", "to"):
        words.pop()  # a preposition the formula's text begins with
    return " ".join(words)


def entries(text: str) -> frozenset[str]:
    return frozenset(normalise(entry) for entry in text.replace("\n", " ").split(";") if entry.strip())


DEFAULT = {"preamble": entries(PREAMBLE), "operative": entries(OPERATIVE)}
