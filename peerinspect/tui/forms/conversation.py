"""The conversation form; a short, friendly version for care ambassadors."""

from __future__ import annotations

from ...domain.evidence import Conversation
from ...domain.framework import Framework
from ...domain.vocabulary import ConversationFormat, ConversationGroup, ConversationMode
from .spec import FieldSpec, FormSpec, difference_made, label_options, theme_options

FAMILY = frozenset(g.value for g in ConversationGroup if g.is_family)


def conversation_form(framework: Framework, *, short: bool = False) -> FormSpec:
    who = FieldSpec(
        name="with_group", label="Who did you speak with?" if short else "With", control="select",
        options=label_options(ConversationGroup),
    )
    notes = FieldSpec(
        name="notes", label="What did they tell you?" if short else "Notes", control="text", rule=(Conversation, "notes"),
    )
    prompts = tuple(
        FieldSpec(
            name=f"family_answers.{n}", label=question, section="Family feedback questions (all optional)",
            depends_on="with_group", shown_for=FAMILY,
        )
        for n, question in enumerate(framework.family_questions, start=1)
    )
    how = (
        FieldSpec(name="format", label="Individual or group", control="select", options=label_options(ConversationFormat)),
        FieldSpec(name="mode", label="In person or by telephone", control="select", options=label_options(ConversationMode)),
    )
    if short:
        fields = (who, *how, notes, *prompts, difference_made(framework, "What difference has it made to them? (optional)"))
        intro = "Write what matters to the person you spoke with, in your own words. Names are not needed."
    else:
        theme = FieldSpec(name="theme_id", label="Theme", control="select", options=theme_options(framework))
        fields = (who, *how, theme, notes, *prompts, difference_made(framework))
        intro = ""
    return FormSpec(kind=Conversation.KIND, title="Conversation", fields=fields, intro=intro)
