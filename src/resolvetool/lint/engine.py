"""Running the rules that read one record, where the record is analysed (in a worker, beside validate's own
checks, and cached with them): findings as marshal-able tuples, with their positions and fixes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..config import Settings
from .config import LintConfig, lint_config
from .finding import BodyConventions
from .suppress import directives

# (code, line, col, message, hint, fix, loc)
FindingTuple = tuple[str, int, int, str, str | None, str | None, tuple]


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know besides the record: how its body drafts."""

    conventions: BodyConventions
    config: LintConfig
    body: str | None
    data: Any  # the record as read (plain dicts, lists and strings): cheaper to walk than a model dump

    def known(self, section: str) -> frozenset[str]:
        return self.config.known(section, self.body)


def record_findings(record: Any, doc: Any, raw: bytes, config: LintConfig | None) -> tuple:
    """(findings, suppression directives) for one valid record."""
    # The rules are imported when a record is first checked: validate imports this module, and a warm run
    # checks no record.
    from .rules import record_modules

    config = config or LintConfig()
    body = getattr(record, "body", None)
    context = RuleContext(config.conventions(body), config, body, doc.data)
    found: list[FindingTuple] = []
    for module in record_modules(record.kind):
        for finding in module.check(record, context):
            line, col = doc.position(finding.loc)
            key_line, key_col = doc.position(finding.loc, of_key=True)
            if key_line and key_line < line:  # a block below its key: point at the key, where comments go
                line, col = key_line, key_col
            found.append(
                (finding.code or module.CODES[0], line, col, finding.message, finding.hint, finding.fix, finding.loc)
            )
    return tuple(found), directives(raw)


@dataclass(frozen=True)
class LintChecks:
    """lint's rules that read one record, with the project's [lint] settings: the per-record checks validate
    loads the corpus with (corpus.RecordChecks), their findings cached with each file."""

    config: LintConfig

    def __call__(self, record: Any, doc: Any, raw: bytes) -> tuple:
        return record_findings(record, doc, raw, self.config)

    def cache_key(self) -> bytes:
        return b"lint" + self.config.digest()


def lint_checks(settings: Settings) -> LintChecks:
    """The per-record checks for the project at `settings`; ConfigError when its [lint] table is wrong."""
    return LintChecks(lint_config(settings))
