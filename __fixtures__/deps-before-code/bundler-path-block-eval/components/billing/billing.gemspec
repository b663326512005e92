Gem::Specification.new { |s| s.name = "billing"; s.version = "0.1.0" }
