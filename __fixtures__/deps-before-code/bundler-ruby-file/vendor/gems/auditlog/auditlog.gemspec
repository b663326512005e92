require_relative "lib/auditlog/version"
Gem::Specification.new do |s|
  s.name = "auditlog"
  s.version = Auditlog::VERSION
  s.files = Dir["lib/**/*.rb"]
  s.summary = "x"; s.authors = ["x"]
end
