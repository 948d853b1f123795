"""The output folder: the render pipeline, change detection, the manifest and all-or-nothing commits.

Below the commands, above rendering: it decides what to render, has ``render`` make the bytes and
writes them into ``out/`` at once or not at all.
"""
