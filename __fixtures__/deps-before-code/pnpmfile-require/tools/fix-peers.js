module.exports = (p) => p
