console.log(require("left-pad")("ok", 5, "."))
