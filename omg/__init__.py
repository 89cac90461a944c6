"""One Minute Guides: the guide logic behind the site.

A regular package, not a namespace one: for `python -m omg` run at the project root, Python takes
a package folder before a module file of the same name, so an `omg.py` added there cannot stand in
for this package (a namespace folder would lose to it).
"""
