package app;
class App {}
