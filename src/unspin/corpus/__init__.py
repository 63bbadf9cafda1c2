"""Corpus mode: analyse many articles into one SQLite store, then query it.

``ingest`` reads inputs and writes reports through one writer; ``dedup`` finds the same story
republished by several outlets; ``aggregates`` answers the per-outlet and over-time questions;
``plots`` and ``html`` draw them as a standalone report. Needs the ``[corpus]`` extra.
"""
