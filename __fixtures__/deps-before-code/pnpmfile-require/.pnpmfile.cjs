const fix = require('./tools/fix-peers.js')
module.exports = { hooks: { readPackage: fix } }
