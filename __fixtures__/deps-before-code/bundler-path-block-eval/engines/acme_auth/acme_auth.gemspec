require_relative "lib/acme_auth/version"
Gem::Specification.new do |spec|
  spec.name = "acme_auth"
  spec.version = AcmeAuth::VERSION
  spec.files = Dir["{app,config,lib}/**/*"]
end
