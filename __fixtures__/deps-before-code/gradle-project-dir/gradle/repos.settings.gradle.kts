dependencyResolutionManagement { repositories { mavenCentral() } }
