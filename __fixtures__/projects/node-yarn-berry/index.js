// Plug'n'Play resolves left-pad from the zip Yarn fetched
const leftPad = require("left-pad");
console.log(leftPad("ok", 5, "."));
