class App{}
