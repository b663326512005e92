from hello_dep import greet
print(greet(), "v1")
