"""Lint: the checklist a clerk or reviewer applies to a draft, as rules with stable codes (RT3xx drafting,
RT4xx consistency between records), configuration, suppression comments and certain fixes."""
