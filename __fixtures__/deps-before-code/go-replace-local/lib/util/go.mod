module example.com/util
