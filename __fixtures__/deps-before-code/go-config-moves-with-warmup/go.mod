module github.com/acme/app

go 1.22

require github.com/acme/lib v1.0.0
