"""Stage: nlp. Parse article bodies once and name every actor canonically.

for article, doc in parse_articles(articles):
    mentions += extract_entities(article, doc, kb)
entities = merge_entities(mentions)
"""

from storyline.nlp.aliases import AliasBase, KnownEntity, load_aliases
from storyline.nlp.entities import EntityMention, extract_entities, merge_entities
from storyline.nlp.parse import parse_articles, sentence_evidence

__all__ = [
    "AliasBase",
    "EntityMention",
    "KnownEntity",
    "extract_entities",
    "load_aliases",
    "merge_entities",
    "parse_articles",
    "sentence_evidence",
]
