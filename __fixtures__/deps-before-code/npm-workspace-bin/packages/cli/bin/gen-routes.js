#!/usr/bin/env node
console.log("routes generated")
