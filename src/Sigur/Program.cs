Console.WriteLine("placeholder");
public partial class Program;
