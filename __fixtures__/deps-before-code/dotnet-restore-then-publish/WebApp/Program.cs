public class P { static void Main() {} }
