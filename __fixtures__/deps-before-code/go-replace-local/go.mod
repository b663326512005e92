module example.com/app

go 1.19

require example.com/util v0.0.0

replace example.com/util => ./lib/util
