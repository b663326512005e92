pluginManagement {
    includeBuild("build-logic")
}
rootProject.name = "inventory"
include("app", "domain")
project(":domain").projectDir = file("modules/domain")
apply(from = "gradle/repos.settings.gradle.kts")
