module Auditlog; end
