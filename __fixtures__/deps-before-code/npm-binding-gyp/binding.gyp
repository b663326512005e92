{ "targets": [ { "target_name": "fastdiff", "sources": [ "src/addon.c" ] } ] }
