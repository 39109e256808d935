"""The one sentence that says what the app is and is not, shown wherever a person might take its
contents for advice: the welcome page, the clinic detail, the Learn page, every printout and the
user guide."""

from __future__ import annotations

NOT_MEDICAL_ADVICE = (
    "This app organises your own plan and what two published articles say; it is not medical "
    "advice, and the articles themselves say the evidence for these treatments is still limited."
)
