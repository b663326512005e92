class A{}
