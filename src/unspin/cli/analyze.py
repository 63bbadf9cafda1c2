"""``unspin analyze``: placeholder until the renderers land."""
