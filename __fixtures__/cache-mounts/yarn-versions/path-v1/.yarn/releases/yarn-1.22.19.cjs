// release
