require("fs").readFileSync("../../ui-theme.json")
