plugins { id("inventory.java-conventions") }
