Gem::Specification.new do |s|
  s.name = "internal_metrics"
  s.version = File.read(File.expand_path("VERSION", __dir__)).strip
  s.files = `git ls-files`.split("\n")
end
