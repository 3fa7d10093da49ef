"""Reads Prometheus text on standard input with prometheus_client's parser and prints every
sample as JSON: [{"family", "type", "name", "labels", "value"}, ...]. A text the parser
refuses exits non-zero with its error."""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families

samples = []
for family in text_string_to_metric_families(sys.stdin.read()):
    for sample in family.samples:
        samples.append({"family": family.name, "type": family.type, "name": sample.name,
                        "labels": dict(sample.labels), "value": sample.value})
json.dump(samples, sys.stdout)
