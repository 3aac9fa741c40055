Console.WriteLine("Load driver: scenarios are added with the flows they measure.");
