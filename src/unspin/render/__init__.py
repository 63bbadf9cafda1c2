"""Renderers: a Report shown in a terminal (``terminal``) or as a standalone HTML page (``html``).

JSON needs no renderer: it is ``Report.to_json()``. Colours and titles for every label live in
``legend``, so the terminal, the HTML report and the web page agree.
"""
