class C{}
