plugins { id("inventory.java-conventions"); alias(libs.plugins.spring.boot) }
dependencies { implementation(project(":domain")) }
