import os, pathlib
pathlib.Path('/tmp/omg-redteam-ran').write_text(os.environ.get('OMG_REDTEAM_SECRET', 'ran'))
print(os.environ.get('OMG_REDTEAM_SECRET'))

def define_env(env):
    pass
