#!/usr/bin/env python3
"""Turns the JMH JSON of bench/jmh.sh into a Markdown table: per benchmark, the median, min and max
over the forks (each fork's score is the mean of its measurement iterations), so every figure rests
on at least as many independent JVM runs as forks were asked for.
   bench/jmh-report.py target/bench/jmh-device-adapters.json target/bench/jmh-hub.json"""
import json
import statistics
import sys


def fork_scores(result):
    return [statistics.mean(iterations) for iterations in result["primaryMetric"]["rawData"]]


def name(result):
    short = result["benchmark"].rsplit(".", 2)[-2:]
    params = result.get("params") or {}
    label = ".".join(short)
    if params:
        label += " (" + ", ".join(f"{k}={v}" for k, v in params.items()) + ")"
    return label


def number(x):
    for limit, suffix in ((1e6, " M"), (1e3, " k")):
        if x >= limit:
            return f"{x / limit:,.2f}{suffix}"
    return f"{x:,.1f}"


print("| benchmark | unit | forks | median | min | max |")
print("| --- | --- | ---: | ---: | ---: | ---: |")
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        for result in json.load(f):
            scores = fork_scores(result)
            print(f"| {name(result)} | {result['primaryMetric']['scoreUnit']} | {len(scores)} | "
                  f"{number(statistics.median(scores))} | {number(min(scores))} | {number(max(scores))} |")
